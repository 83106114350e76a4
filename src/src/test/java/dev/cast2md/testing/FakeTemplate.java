package dev.cast2md.testing;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/** A template inside {@link FakeRunPod}; its env keeps secret references literal. */
record FakeTemplate(
    String id,
    String name,
    String image,
    String args,
    int disk,
    List<String> ports,
    Map<String, String> env) {

  JsonObject json() {
    JsonArrayBuilder portsJson = Json.createArrayBuilder();
    ports.forEach(portsJson::add);
    JsonObjectBuilder envJson = Json.createObjectBuilder();
    env.forEach(envJson::add);
    JsonObjectBuilder t =
        Json.createObjectBuilder()
            .add("id", id)
            .add("name", name)
            .add("image", image)
            .add("disk", disk)
            .add("ports", portsJson)
            .add("env", envJson)
            .add("public", false)
            .add("serverless", false)
            .add("category", "NVIDIA");
    if (args == null) {
      t.addNull("args");
    } else {
      t.add("args", args);
    }
    return t.build();
  }
}
