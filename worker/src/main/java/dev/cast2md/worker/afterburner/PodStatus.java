package dev.cast2md.worker.afterburner;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Optional;

/** The parts of {@code GET /api/runpod/status} the afterburner shows and decides on. */
record PodStatus(JsonObject json) {
  boolean available() {
    return json.getBoolean("available", false);
  }

  boolean enabled() {
    return json.getBoolean("enabled", false);
  }

  boolean canCreate() {
    return json.getBoolean("can_create", false);
  }

  String refusal() {
    return text(json, "can_create_reason");
  }

  int maxPods() {
    return json.getInt("max_pods", 0);
  }

  String provider() {
    return text(json, "provider");
  }

  long queueDepth() {
    return json.get("queue_depth") instanceof JsonNumber n ? n.longValue() : 0;
  }

  List<JsonObject> states() {
    return objects("setup_states");
  }

  List<JsonObject> activePods() {
    return objects("active_pods");
  }

  /** The newest cost record of this instance (a run opens when the pod reports ready). */
  Optional<JsonObject> run(String instanceId) {
    return objects("runs").stream()
        .filter(r -> instanceId != null && instanceId.equals(text(r, "instance_id")))
        .findFirst();
  }

  /** The last 30 days' totals ({@code cost}, {@code audio_hours}, …). */
  JsonObject cost() {
    return json.get("cost") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
  }

  private List<JsonObject> objects(String field) {
    if (!(json.get(field) instanceof jakarta.json.JsonArray a)) {
      return List.of();
    }
    return a.stream().filter(v -> v instanceof JsonObject).map(v -> (JsonObject) v).toList();
  }

  static String text(JsonObject o, String field) {
    return o.get(field) instanceof JsonString s ? s.getString() : null;
  }

  static double number(JsonObject o, String field) {
    return o.get(field) instanceof JsonNumber n ? n.doubleValue() : 0.0;
  }
}
