package dev.cast2md.protocol;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The node protocol from the worker's side. The server implements the same operations as JAX-RS
 * resources under {@link NodePaths}; the worker implements this over HTTP.
 */
public interface NodeApi {

  /** Registers with the enrolment key or a pod's one-time setup token (either may be null). */
  RegisterResponse register(RegisterRequest request, String enrolmentKey, String setupToken)
      throws IOException;

  HeartbeatResponse heartbeat(HeartbeatRequest request) throws IOException;

  ClaimResponse claim() throws IOException;

  /**
   * Streams the claim's {@code audioUrl} (relative to the server, or absolute) into {@code target},
   * resuming a partial file; the node key goes only to the server itself.
   */
  void downloadAudio(String audioUrl, long jobId, Path target) throws IOException;

  void progress(long jobId, int percent) throws IOException;

  void complete(long jobId, CompleteRequest result) throws IOException;

  void fail(long jobId, FailRequest failure) throws IOException;

  void release(long jobId) throws IOException;

  TerminationResponse requestTermination() throws IOException;

  /**
   * A pod reports where its setup stands, with its one-time setup token (the node may not be
   * registered yet, so no node key is involved).
   */
  void setupProgress(String instanceId, String setupToken, SetupProgressRequest progress)
      throws IOException;
}
