package dev.cast2md.pods.entity;

/**
 * A GPU type from RunPod's catalog.
 *
 * @param id the id to create pods with ("NVIDIA RTX A5000")
 * @param displayName the short name ("RTX A5000")
 * @param securePrice dollars per hour on the secure cloud; null means not offerable there now
 * @param communityPrice dollars per hour on the community cloud; null means not offerable there now
 * @param availability NONE, LOW, MEDIUM or HIGH (an ordering hint, not a reservation); null if
 *     unknown
 */
public record RunPodGpu(
    String id,
    String displayName,
    int memoryGb,
    Double securePrice,
    Double communityPrice,
    String availability) {

  /** Whether any cloud offers it at a price right now. */
  public boolean offerable() {
    return securePrice != null || communityPrice != null;
  }

  /** The cheapest offered price, or null when none is. */
  public Double lowestPrice() {
    if (securePrice == null) {
      return communityPrice;
    }
    if (communityPrice == null) {
      return securePrice;
    }
    return Math.min(securePrice, communityPrice);
  }
}
