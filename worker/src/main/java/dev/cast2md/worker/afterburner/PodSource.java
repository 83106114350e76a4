package dev.cast2md.worker.afterburner;

import java.io.IOException;
import java.util.Optional;

/**
 * Where a run's pod comes from: the server ({@link ServerPods}, the normal way) or RunPod directly
 * ({@link DirectPods}, {@code --direct}). The run's loop is the same for both.
 */
interface PodSource {

  /** A pod asked for: its instance id, or why there is none (at the cap: wait and ask again). */
  record Start(String instanceId, String message, String refusal, boolean atCap) {
    static Start started(String instanceId, String message) {
      return new Start(instanceId, message, null, false);
    }

    static Start refused(String reason, boolean atCap) {
      return new Start(null, null, reason, atCap);
    }
  }

  /** A pod's state: a setup phase (creating … ready, failed), its RunPod id once known. */
  record State(String phase, String podId, String message, String error) {}

  /** Read-only checks before a run; empty when the run may go on, else what is wrong. */
  Optional<String> precheck() throws IOException, InterruptedException, ServerException;

  Start start(boolean persistent) throws IOException, InterruptedException, ServerException;

  /** Empty once the pod is gone. */
  Optional<State> state(String instanceId)
      throws IOException, InterruptedException, ServerException;

  /** Ends the pod; {@code podId} may be null while it is being created. Returns what was done. */
  String end(String instanceId, String podId)
      throws IOException, InterruptedException, ServerException;

  /** How the operator ends a persistent pod that was left running. */
  String endHint(String podId);

  /** What the progress line adds about the pods. */
  String progress(String instanceId) throws IOException, InterruptedException, ServerException;

  /** The closing line about the run's pod. */
  String summary(String instanceId, long runtimeSeconds)
      throws IOException, InterruptedException, ServerException;
}
