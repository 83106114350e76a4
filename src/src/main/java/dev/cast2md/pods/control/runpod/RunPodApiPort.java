package dev.cast2md.pods.control.runpod;

import dev.cast2md.pods.entity.RunPodCreatePod;
import dev.cast2md.pods.entity.RunPodCreateTemplate;
import dev.cast2md.pods.entity.RunPodGpu;
import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.pods.entity.RunPodTemplate;
import java.util.List;
import java.util.Optional;

/**
 * The RunPod operations the pod provider uses: {@link RunPodClient} directly in tests, or the
 * server's gateway that adds a circuit breaker around it.
 */
public interface RunPodApiPort {
  List<RunPodPod> listPods();

  Optional<RunPodPod> findPod(String podId);

  RunPodPod createPod(RunPodCreatePod request);

  void terminatePod(String podId);

  Optional<RunPodTemplate> findTemplate(String name);

  RunPodTemplate createTemplate(RunPodCreateTemplate request);

  List<RunPodGpu> gpuCatalog();
}
