package dev.cast2md.pods.entity;

/** A pod as its provider reports it. */
public record ProvidedPod(
    String id,
    String name,
    Status status,
    String gpuId,
    String gpuDisplayName,
    Double costPerHr,
    String publicIp) {

  /** The provider's view, reduced to what the lifecycle acts on. */
  public enum Status {
    /** Asked for, image pulling or container booting. */
    STARTING,
    /** The container runs. */
    RUNNING,
    /** Stopped or failed; still billed for storage until terminated. */
    EXITED
  }
}
