package dev.cast2md.worker.afterburner;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The server's admin API as the afterburner uses it ({@code /api/runpod/*}, {@code /api/queue}):
 * the server creates, watches, caps and terminates pods; the CLI only asks and follows.
 */
final class ServerClient {
  private final JsonHttp http;

  ServerClient(JsonHttp http) {
    this.http = http;
  }

  String base() {
    return http.base().toString();
  }

  JsonObject health() throws IOException, InterruptedException, ServerException {
    return ok("health", http.get("/api/health")).object();
  }

  PodStatus status() throws IOException, InterruptedException, ServerException {
    return new PodStatus(ok("RunPod status", http.get("/api/runpod/status")).object());
  }

  QueueWork queue() throws IOException, InterruptedException, ServerException {
    return QueueWork.of(ok("queue status", http.get("/api/queue/status")).object());
  }

  /** Starts a pod; the server refuses (400, with the reason) when the maximum is reached. */
  JsonObject createPod(boolean persistent)
      throws IOException, InterruptedException, ServerException {
    String body = Json.createObjectBuilder().add("persistent", persistent).build().toString();
    return ok("create pod", http.post("/api/runpod/pods", body)).object();
  }

  /** The pod's setup state, empty once the server no longer holds it (terminated). */
  Optional<JsonObject> setupStatus(String instanceId)
      throws IOException, InterruptedException, ServerException {
    JsonHttp.Reply r = http.get("/api/runpod/pods/" + enc(instanceId) + "/setup-status");
    if (r.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(ok("setup status", r).object());
  }

  void terminatePod(String podId) throws IOException, InterruptedException, ServerException {
    JsonHttp.Reply r = http.delete("/api/runpod/pods/" + enc(podId));
    if (r.status() != 404) {
      ok("terminate pod " + podId, r);
    }
  }

  /**
   * Drops a setup state whose pod does not exist yet; the server then treats a pod created for it
   * later as leaked and reaps it. False when a pod exists (409): terminate that instead.
   */
  boolean dismiss(String instanceId) throws IOException, InterruptedException, ServerException {
    JsonHttp.Reply r = http.delete("/api/runpod/setup-states/" + enc(instanceId));
    if (r.status() == 409) {
      return false;
    }
    if (r.status() != 404) {
      ok("dismiss " + instanceId, r);
    }
    return true;
  }

  /** Whether a node of this name is registered and not offline (a direct pod's worker). */
  boolean nodeOnline(String name) throws IOException, InterruptedException, ServerException {
    JsonObject list = ok("nodes", http.get("/api/nodes")).object();
    if (!(list.get("nodes") instanceof jakarta.json.JsonArray nodes)) {
      return false;
    }
    return nodes.stream()
        .filter(v -> v instanceof JsonObject)
        .map(v -> (JsonObject) v)
        .anyMatch(
            n ->
                name.equals(PodStatus.text(n, "name"))
                    && !"offline".equals(PodStatus.text(n, "status")));
  }

  int terminateAll() throws IOException, InterruptedException, ServerException {
    return ok("terminate all", http.delete("/api/runpod/pods"))
        .object()
        .getInt("terminated_count", 0);
  }

  private static JsonHttp.Reply ok(String call, JsonHttp.Reply r) throws ServerException {
    if (!r.ok()) {
      throw new ServerException(call, r.status(), r.detail());
    }
    return r;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
