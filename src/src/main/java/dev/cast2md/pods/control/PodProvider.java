package dev.cast2md.pods.control;

import dev.cast2md.pods.entity.GpuOffer;
import dev.cast2md.pods.entity.PodLaunch;
import dev.cast2md.pods.entity.ProvidedPod;
import java.util.List;
import java.util.Optional;

/** Where pods come from: RunPod, or worker processes on this machine. */
public interface PodProvider {

  /** {@code runpod} or {@code local}; stored with every pod. */
  String name();

  /** Every pod of ours that still exists (named with {@link PodNames#PREFIX}). */
  List<ProvidedPod> list();

  Optional<ProvidedPod> find(String podId);

  /**
   * Starts a pod on the given GPU. Throws {@link PodProviderException} with kind CAPACITY when that
   * GPU cannot be had now (the caller tries the next one).
   */
  ProvidedPod create(PodLaunch launch);

  /** Ends the pod and its billing; a pod that is already gone is not an error. */
  void terminate(String podId);

  /** GPU types with prices, cheapest first where known. */
  List<GpuOffer> gpuTypes();
}
