package dev.cast2md.pods.entity;

import java.time.Instant;
import java.util.Map;

/**
 * A pod as RunPod's REST v2 reports it.
 *
 * @param status v2's PROVISIONING, STARTING, RUNNING, EXITED, ERROR or TERMINATED
 * @param gpuId the GPU type id ("NVIDIA RTX A5000"), the one to compare and to blocklist
 * @param gpuDisplayName the short name ("RTX A5000"), which differs from the id
 * @param costPerHr dollars per hour, null when RunPod did not say
 * @param publicIp null until the pod has one
 * @param runtimeUp whether RunPod reports a running container ({@code runtime} non-null), the only
 *     readiness signal the API gives
 * @param env the env as the API returns it: secret references stay literal
 * @param createdAt null when RunPod did not say
 */
public record RunPodPod(
    String id,
    String name,
    String status,
    String gpuId,
    String gpuDisplayName,
    Double costPerHr,
    String publicIp,
    boolean runtimeUp,
    Map<String, String> env,
    Instant createdAt) {

  public RunPodPod {
    env = env == null ? Map.of() : Map.copyOf(env);
  }

  /** Running and with a container: RunPod's only readiness signal. */
  public boolean ready() {
    return "RUNNING".equals(status) && runtimeUp;
  }
}
