package dev.cast2md.worker.afterburner;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.util.Optional;

/** Pods through the server: it creates, caps, watches and terminates them. */
final class ServerPods implements PodSource {
  private final ServerClient server;

  ServerPods(ServerClient server) {
    this.server = server;
  }

  @Override
  public Optional<String> precheck() throws IOException, InterruptedException, ServerException {
    PodStatus status = server.status();
    if (!status.available()) {
      return Optional.of(
          "RunPod is not configured on the server (pod provider: " + status.provider() + ")");
    }
    return Optional.empty();
  }

  @Override
  public Start start(boolean persistent) throws IOException, InterruptedException, ServerException {
    try {
      JsonObject created = server.createPod(persistent);
      return Start.started(
          PodStatus.text(created, "instance_id"), PodStatus.text(created, "message"));
    } catch (ServerException e) {
      if (e.status() != 400) {
        throw e;
      }
      String reason = e.detail();
      return Start.refused(reason, reason.startsWith("Max pods"));
    }
  }

  @Override
  public Optional<State> state(String instanceId)
      throws IOException, InterruptedException, ServerException {
    return server
        .setupStatus(instanceId)
        .map(
            s ->
                new State(
                    PodStatus.text(s, "phase"),
                    PodStatus.text(s, "pod_id"),
                    PodStatus.text(s, "message"),
                    PodStatus.text(s, "error")));
  }

  @Override
  public String end(String instanceId, String podId)
      throws IOException, InterruptedException, ServerException {
    if (podId != null) {
      server.terminatePod(podId);
      return "terminated pod " + instanceId + " (" + podId + ")";
    }
    if (server.dismiss(instanceId)) {
      return "cancelled pod " + instanceId + "; the server reaps it if RunPod still creates it";
    }
    // it got its RunPod id meanwhile: end that
    Optional<State> now = state(instanceId);
    if (now.isPresent() && now.get().podId() != null) {
      server.terminatePod(now.get().podId());
      return "terminated pod " + instanceId + " (" + now.get().podId() + ")";
    }
    return "pod " + instanceId + " is gone";
  }

  @Override
  public String endHint(String podId) {
    return "'afterburner --terminate-all' or DELETE /api/runpod/pods/" + podId;
  }

  @Override
  public String progress(String instanceId)
      throws IOException, InterruptedException, ServerException {
    return ProgressLine.pods(server.status(), instanceId);
  }

  @Override
  public String summary(String instanceId, long runtimeSeconds)
      throws IOException, InterruptedException, ServerException {
    return ProgressLine.summary(server.status(), instanceId, runtimeSeconds);
  }
}
