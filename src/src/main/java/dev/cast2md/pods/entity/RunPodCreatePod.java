package dev.cast2md.pods.entity;

import java.util.List;
import java.util.Map;

/**
 * What to create a pod from. v2 places exactly one GPU type, so a fallback over several types is
 * the caller's loop.
 *
 * @param name the pod's name; it must identify the pod, because a create that failed with a server
 *     error is resolved by looking the name up
 * @param templateId the template, or null with {@code image} set
 * @param image the image, or null to take the template's
 * @param env merged per key over the template's env, ours winning
 * @param allowedCudaVersions CUDA versions the host must offer, e.g. "12.8"; empty for any
 */
public record RunPodCreatePod(
    String name,
    String templateId,
    String gpuId,
    String image,
    Map<String, String> env,
    List<String> allowedCudaVersions) {

  public RunPodCreatePod {
    env = env == null ? Map.of() : Map.copyOf(env);
    allowedCudaVersions =
        allowedCudaVersions == null ? List.of() : List.copyOf(allowedCudaVersions);
  }
}
