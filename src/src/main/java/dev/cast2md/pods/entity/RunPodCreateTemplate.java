package dev.cast2md.pods.entity;

import java.util.List;
import java.util.Map;

/**
 * A template to create.
 *
 * @param dockerStartCmd the container's start command, sent as v2's {@code args}
 * @param env may hold {@code {{ RUNPOD_SECRET_name }}} references, which RunPod resolves only
 *     inside the container
 */
public record RunPodCreateTemplate(
    String name,
    String image,
    List<String> dockerStartCmd,
    int diskGb,
    List<String> ports,
    Map<String, String> env) {

  public RunPodCreateTemplate {
    dockerStartCmd = dockerStartCmd == null ? List.of() : List.copyOf(dockerStartCmd);
    ports = ports == null ? List.of() : List.copyOf(ports);
    env = env == null ? Map.of() : Map.copyOf(env);
  }
}
