package dev.cast2md.pods.control;

import dev.cast2md.pods.entity.GpuOffer;
import dev.cast2md.pods.entity.PodLaunch;
import dev.cast2md.pods.entity.ProvidedPod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An in-memory provider whose behaviour the lifecycle tests script: GPUs without capacity,
 * substituted GPUs, pods that start or not, a listing that fails. The RunPod HTTP client has its
 * own tests against the fake RunPod server.
 */
final class ScriptedProvider implements PodProvider {
  final Map<String, ProvidedPod> pods = new LinkedHashMap<>();
  final List<String> attempts = new ArrayList<>();
  final List<String> terminated = new ArrayList<>();
  final Set<String> noCapacity = new HashSet<>();
  final Map<String, String> substitute = new LinkedHashMap<>();
  final List<Map<String, String>> envs = new ArrayList<>();
  List<GpuOffer> catalog =
      List.of(
          new GpuOffer("NVIDIA RTX A5000", "RTX A5000", 24, 0.27),
          new GpuOffer("NVIDIA RTX A4000", "RTX A4000", 16, 0.17),
          new GpuOffer("NVIDIA GeForce RTX 4090", "RTX 4090", 24, 0.10),
          new GpuOffer("NVIDIA GeForce RTX 3090", "RTX 3090", 24, 0.22),
          new GpuOffer("NVIDIA L40S", "L40S", 48, null));
  boolean listingFails;
  private int next;

  @Override
  public String name() {
    return "runpod";
  }

  @Override
  public List<ProvidedPod> list() {
    if (listingFails) {
      throw new PodProviderException(PodProviderException.Kind.UNAVAILABLE, "API down");
    }
    return new ArrayList<>(pods.values());
  }

  @Override
  public Optional<ProvidedPod> find(String podId) {
    return Optional.ofNullable(pods.get(podId));
  }

  @Override
  public ProvidedPod create(PodLaunch launch) {
    attempts.add(launch.gpuId());
    if (noCapacity.contains(launch.gpuId())) {
      throw new PodProviderException(
          PodProviderException.Kind.CAPACITY,
          "There are no longer any instances available with the requested specifications.");
    }
    envs.add(launch.env());
    String gpu = substitute.getOrDefault(launch.gpuId(), launch.gpuId());
    String display =
        catalog.stream()
            .filter(g -> g.id().equals(gpu))
            .map(GpuOffer::displayName)
            .findFirst()
            .orElse(gpu);
    ProvidedPod pod =
        new ProvidedPod(
            "pod" + (++next), launch.name(), ProvidedPod.Status.STARTING, gpu, display, 0.27, null);
    pods.put(pod.id(), pod);
    return pod;
  }

  void run(String podId) {
    status(podId, ProvidedPod.Status.RUNNING);
  }

  void status(String podId, ProvidedPod.Status status) {
    ProvidedPod p = pods.get(podId);
    pods.put(
        podId,
        new ProvidedPod(
            p.id(), p.name(), status, p.gpuId(), p.gpuDisplayName(), p.costPerHr(), "10.0.0.1"));
  }

  void seed(String id, String name) {
    pods.put(
        id,
        new ProvidedPod(
            id, name, ProvidedPod.Status.RUNNING, "NVIDIA RTX A5000", "RTX A5000", 0.27, null));
  }

  @Override
  public void terminate(String podId) {
    terminated.add(podId);
    pods.remove(podId);
  }

  @Override
  public List<GpuOffer> gpuTypes() {
    return catalog;
  }
}
