package dev.cast2md.testing;

import dev.cast2md.pods.entity.RunPodPod;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One pod inside {@link FakeRunPod}; guarded by the fake's lock. */
final class FakePod {
  final String id;
  final String name;
  final FakeGpuCatalog.Gpu gpu;
  final String templateId;
  final String image;

  /** The env as the API shows it: template env under body env, secret references literal. */
  final Map<String, String> env;

  final String podKey;
  final Instant createdAt;
  final int sshPort;

  String status = "STARTING";
  int reads;
  Instant startedAt;
  boolean terminated;
  FakeRunPod.Container container;

  FakePod(
      String id,
      String name,
      FakeGpuCatalog.Gpu gpu,
      String templateId,
      String image,
      Map<String, String> env,
      String podKey,
      Instant createdAt,
      int sshPort) {
    this.id = id;
    this.name = name;
    this.gpu = gpu;
    this.templateId = templateId;
    this.image = image;
    this.env = new LinkedHashMap<>(env);
    this.podKey = podKey;
    this.createdAt = createdAt;
    this.sshPort = sshPort;
  }

  boolean running() {
    return "RUNNING".equals(status);
  }

  String publicIp() {
    return running() ? FakeRunPod.LOOPBACK : null;
  }

  double costPerHr() {
    Double price = gpu.securePrice() != null ? gpu.securePrice() : gpu.communityPrice();
    return price == null ? 0.0 : price;
  }

  List<String> actions() {
    return switch (status) {
      case "RUNNING" -> List.of("stop", "restart", "terminate");
      case "EXITED", "ERROR" -> List.of("start", "terminate");
      default -> List.of("terminate");
    };
  }

  /** The pod as RunPod REST v2 answers it. */
  JsonObject json() {
    JsonObjectBuilder gpuJson =
        Json.createObjectBuilder()
            .add("id", gpu.id())
            .add("count", 1)
            .add("displayName", gpu.displayName());
    JsonObjectBuilder envJson = Json.createObjectBuilder();
    env.forEach(envJson::add);
    JsonArrayBuilder actionsJson = Json.createArrayBuilder();
    actions().forEach(actionsJson::add);
    JsonObjectBuilder pod =
        Json.createObjectBuilder()
            .add("id", id)
            .add("name", name)
            .add("status", status)
            .add("image", image == null ? "" : image)
            .add("gpu", gpuJson)
            .add("cost", costPerHr())
            .add("env", envJson)
            .add("actions", actionsJson)
            .add("createdAt", createdAt.toString());
    if (templateId != null) {
      pod.add("templateId", templateId);
    }
    if (running()) {
      pod.add("publicIp", publicIp())
          .add("startedAt", startedAt.toString())
          .add(
              "runtime",
              Json.createObjectBuilder()
                  .add(
                      "uptime",
                      Math.max(0, Instant.now().getEpochSecond() - startedAt.getEpochSecond()))
                  .add(
                      "ports",
                      Json.createArrayBuilder()
                          .add(
                              Json.createObjectBuilder()
                                  .add("private", 22)
                                  .add("public", sshPort)
                                  .add("type", "tcp")
                                  .add("ip", FakeRunPod.LOOPBACK))));
    } else {
      pod.addNull("publicIp").addNull("runtime");
    }
    return pod.build();
  }

  RunPodPod snapshot() {
    return new RunPodPod(
        id,
        name,
        status,
        gpu.id(),
        gpu.displayName(),
        costPerHr(),
        publicIp(),
        running(),
        env,
        createdAt);
  }
}
