package dev.cast2md.worker.afterburner;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RunPod's REST API v2, with the operator's own key, for what must work without the server: the
 * connectivity check and the last-resort "terminate all" when the server cannot be reached. Only
 * pods named {@code cast2md-afterburner-*} are ever touched.
 */
final class RunPodDirect {
  static final String POD_PREFIX = "cast2md-afterburner-";

  private final JsonHttp http;

  RunPodDirect(JsonHttp http) {
    this.http = http;
  }

  /** A pod as listed: id, name and RunPod's status. */
  record Pod(String id, String name, String status) {}

  List<Pod> ourPods() throws IOException, InterruptedException, ServerException {
    return pods().stream()
        .filter(p -> p.name() != null && p.name().startsWith(POD_PREFIX))
        .toList();
  }

  List<Pod> pods() throws IOException, InterruptedException, ServerException {
    JsonHttp.Reply r = http.get("/pods");
    if (!r.ok()) {
      throw new ServerException("RunPod list pods", r.status(), r.detail());
    }
    JsonArray list =
        r.json() instanceof JsonArray a
            ? a
            : r.object().get("pods") instanceof JsonArray a2 ? a2 : JsonArray.EMPTY_JSON_ARRAY;
    return list.stream()
        .filter(v -> v instanceof JsonObject)
        .map(v -> (JsonObject) v)
        .map(
            o ->
                new Pod(
                    PodStatus.text(o, "id"),
                    PodStatus.text(o, "name"),
                    PodStatus.text(o, o.containsKey("status") ? "status" : "desiredStatus")))
        .toList();
  }

  /** Terminates one pod; a pod that is already gone counts as terminated. */
  void terminate(String podId) throws IOException, InterruptedException, ServerException {
    JsonHttp.Reply r = http.delete("/pods/" + URLEncoder.encode(podId, StandardCharsets.UTF_8));
    if (!r.ok() && r.status() != 404) {
      throw new ServerException("RunPod terminate " + podId, r.status(), r.detail());
    }
  }
}
