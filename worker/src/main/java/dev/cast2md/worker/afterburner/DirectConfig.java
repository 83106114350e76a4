package dev.cast2md.worker.afterburner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code --direct} needs to create pods through RunPod itself: the operator's RunPod key (it
 * stays on this machine), the image, GPUs, model, and how the pod reaches and enrols with the
 * server. The pod gets no key in clear: its Tailscale key and the server's enrolment key are RunPod
 * secrets ({@code {{ RUNPOD_SECRET_name }}}) that RunPod resolves inside the container only.
 */
record DirectConfig(
    String image,
    List<String> gpus,
    String model,
    String backend,
    int idleTimeoutMinutes,
    String tsHostname,
    String podServerUrl,
    String serverIp,
    String enrolmentSecret,
    String tsSecret,
    int maxPods,
    Path lockFile) {

  static final String DEFAULT_IMAGE = "ghcr.io/cast2md/cast2md-worker:cuda12";
  static final String DEFAULT_GPUS =
      "NVIDIA RTX A5000,NVIDIA RTX A6000,NVIDIA GeForce RTX 3090,NVIDIA RTX A4000";

  static DirectConfig from(Map<String, String> env, AfterburnerConfig base) {
    List<String> problems = new ArrayList<>();
    if (base.runPodKey() == null) {
      problems.add("--direct needs RUNPOD_API_KEY (your RunPod key; it stays on this machine)");
    }
    String model = value(env, "WHISPER_MODEL", "parakeet-tdt-0.6b-v3");
    String lower = model.toLowerCase(Locale.ROOT);
    String backend =
        lower.contains("parakeet") ? "parakeet" : lower.contains("sphinx") ? "sphinx" : "whisper";
    List<String> gpus = new ArrayList<>();
    String preferred = value(env, "RUNPOD_GPU_TYPE", null);
    if (preferred != null) {
      gpus.add(preferred);
    }
    for (String g : value(env, "RUNPOD_GPU_FALLBACKS", DEFAULT_GPUS).split(",")) {
      if (!g.isBlank() && !gpus.contains(g.strip())) {
        gpus.add(g.strip());
      }
    }
    int idle = number(env, "NODE_IDLE_TIMEOUT_MINUTES", 10, problems);
    int maxPods = number(env, "AFTERBURNER_MAX_PODS", 3, problems);
    if (maxPods < 1) {
      problems.add("AFTERBURNER_MAX_PODS must be at least 1");
    }
    String serverIp = value(env, "CAST2MD_SERVER_IP", null);
    if (serverIp != null && !serverIp.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
      problems.add("CAST2MD_SERVER_IP must be an IP address, was '" + serverIp + "'");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new DirectConfig(
        value(env, "RUNPOD_IMAGE_NAME", DEFAULT_IMAGE),
        List.copyOf(gpus),
        model,
        backend,
        idle,
        value(env, "TS_HOSTNAME", "runpod-afterburner"),
        value(env, "AFTERBURNER_POD_SERVER_URL", base.server().toString()),
        serverIp,
        value(env, "AFTERBURNER_ENROLMENT_SECRET", "cast2md_enrolment_key"),
        value(env, "AFTERBURNER_TS_SECRET", "ts_auth_key"),
        maxPods,
        Path.of(
            value(
                env,
                "AFTERBURNER_LOCK_FILE",
                Path.of(System.getProperty("user.home"), ".cast2md", "afterburner.lock")
                    .toString())));
  }

  /** The environment of a pod: who it is, where the server is, what to run; secrets by name. */
  Map<String, String> podEnv(String instanceId, String nodeName, boolean persistent) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("INSTANCE_ID", instanceId);
    env.put("TS_AUTH_KEY", "{{ RUNPOD_SECRET_" + tsSecret + " }}");
    env.put("NODE_ENROLMENT_KEY", "{{ RUNPOD_SECRET_" + enrolmentSecret + " }}");
    env.put("TS_HOSTNAME", tsHostname + "-" + instanceId);
    env.put("CAST2MD_SERVER_URL", podServerUrl);
    if (serverIp != null) {
      env.put("CAST2MD_SERVER_IP", serverIp);
    }
    env.put("NODE_NAME", nodeName);
    env.put("TRANSCRIPTION_BACKEND", backend);
    env.put("WHISPER_MODEL", model);
    env.put("NODE_IDLE_TIMEOUT_MINUTES", String.valueOf(idleTimeoutMinutes));
    env.put("NODE_PERSISTENT", persistent ? "1" : "0");
    env.put("NODE_MAX_CONSECUTIVE_FAILURES", "3");
    return env;
  }

  Map<String, String> describe() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("image", image);
    d.put("GPUs, in order", String.join(", ", gpus));
    d.put("model", model + " (" + backend + ")");
    d.put(
        "pods reach the server at", podServerUrl + (serverIp == null ? "" : " (" + serverIp + ")"));
    d.put("enrolment key", "RunPod secret " + enrolmentSecret);
    d.put("Tailscale key", "RunPod secret " + tsSecret);
    d.put("direct pods at most", String.valueOf(maxPods));
    return d;
  }

  private static String value(Map<String, String> env, String name, String fallback) {
    String v = AfterburnerConfig.value(env, name);
    return v == null ? fallback : v;
  }

  private static int number(
      Map<String, String> env, String name, int fallback, List<String> problems) {
    String v = AfterburnerConfig.value(env, name);
    try {
      return v == null ? fallback : Integer.parseInt(v);
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number, was '" + v + "'");
      return fallback;
    }
  }
}
