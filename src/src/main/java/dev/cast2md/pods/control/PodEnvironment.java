package dev.cast2md.pods.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a pod is told at start: who it is, how to prove it, where the server is, what to run and
 * when to stop. Never the RunPod account key: a pod ends itself through the server, and RunPod
 * injects its own pod-scoped key for the watchdog.
 */
public final class PodEnvironment {
  private PodEnvironment() {}

  public static Map<String, String> of(
      PodPolicy policy,
      String nodeName,
      String instanceId,
      String setupToken,
      String serverUrl,
      boolean persistent) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("INSTANCE_ID", instanceId);
    env.put("SETUP_TOKEN", setupToken);
    env.put("CAST2MD_SERVER_URL", serverUrl);
    if (!policy.serverIp().isEmpty()) {
      env.put("CAST2MD_SERVER_IP", policy.serverIp());
    }
    env.put("TS_HOSTNAME", policy.tsHostname() + "-" + instanceId);
    env.put("NODE_NAME", nodeName);
    env.put("TRANSCRIPTION_BACKEND", policy.backend());
    if (!policy.model().isEmpty()) {
      env.put("WHISPER_MODEL", policy.model());
    }
    env.put("NODE_IDLE_TIMEOUT_MINUTES", String.valueOf(policy.idleTimeoutMinutes()));
    env.put("NODE_PERSISTENT", persistent ? "1" : "0");
    env.put("NODE_MAX_CONSECUTIVE_FAILURES", "3");
    return env;
  }
}
