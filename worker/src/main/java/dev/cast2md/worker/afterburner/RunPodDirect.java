package dev.cast2md.worker.afterburner;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * RunPod's REST API v2, with the operator's own key (it stays on this machine): the connectivity
 * check, the last-resort "terminate all" when the server cannot be reached, and the pods of {@code
 * --direct}. Only pods named {@code cast2md-afterburner-*} or {@code cast2md-direct-*} are ever
 * touched.
 */
final class RunPodDirect {
  /** Pods the server creates (and reaps when it does not know them). */
  static final String POD_PREFIX = "cast2md-afterburner-";

  /** Pods {@code afterburner --direct} creates: the server leaves them alone. */
  static final String DIRECT_PREFIX = "cast2md-direct-";

  private final JsonHttp http;

  RunPodDirect(JsonHttp http) {
    this.http = http;
  }

  /** A pod as listed: id, name and RunPod's status. */
  record Pod(String id, String name, String status) {}

  List<Pod> ourPods() throws IOException, InterruptedException, ServerException {
    return named(POD_PREFIX);
  }

  List<Pod> named(String prefix) throws IOException, InterruptedException, ServerException {
    return pods().stream().filter(p -> p.name() != null && p.name().startsWith(prefix)).toList();
  }

  /** Creates a pod on one GPU type (v2 places exactly one and does not fall back). */
  JsonObject create(String name, String image, String gpuId, Map<String, String> env)
      throws IOException, InterruptedException, ServerException {
    JsonObjectBuilder envJson = Json.createObjectBuilder();
    env.forEach(envJson::add);
    String body =
        Json.createObjectBuilder()
            .add("name", name)
            .add("image", image)
            .add("gpu", Json.createObjectBuilder().add("id", gpuId).add("count", 1))
            .add("env", envJson)
            .add("ports", Json.createArrayBuilder().add("22/tcp"))
            .add("startSsh", true)
            .build()
            .toString();
    JsonHttp.Reply r = http.post("/pods", body);
    if (!r.ok()) {
      throw new ServerException("RunPod create pod", r.status(), r.detail());
    }
    return r.object();
  }

  /** The pod as RunPod shows it; empty once it is gone. */
  Optional<JsonObject> find(String podId)
      throws IOException, InterruptedException, ServerException {
    JsonHttp.Reply r = http.get("/pods/" + URLEncoder.encode(podId, StandardCharsets.UTF_8));
    if (r.status() == 404) {
      return Optional.empty();
    }
    if (!r.ok()) {
      throw new ServerException("RunPod get pod " + podId, r.status(), r.detail());
    }
    return Optional.of(r.object());
  }

  /** RunPod's "no capacity" answers (v2: 400 with a human detail only). */
  static boolean noCapacity(ServerException e) {
    String d = e.detail() == null ? "" : e.detail().toLowerCase(java.util.Locale.ROOT);
    return e.status() == 400
        && (d.contains("no longer any instances")
            || d.contains("resources")
            || d.contains("not have")
            || d.contains("capacity"));
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
