package dev.cast2md.testing;

import java.util.List;

/**
 * The fake's GPU catalog: ids and display names from RunPod's GPU table (runpod-api.md §5), prices
 * as dated observations (seed data, not current prices). A null price means the type is not offered
 * on that cloud; the A4500 had no observed price, so it is listed unpriced, as RunPod lists types
 * it cannot place.
 */
final class FakeGpuCatalog {

  record Gpu(
      String id,
      String displayName,
      int memoryGb,
      Double securePrice,
      Double communityPrice,
      String availability) {}

  static final List<Gpu> SEED =
      List.of(
          new Gpu("NVIDIA RTX A4000", "RTX A4000", 16, 0.24, 0.16, "HIGH"),
          new Gpu("NVIDIA RTX A4500", "RTX A4500", 20, null, null, "NONE"),
          new Gpu("NVIDIA RTX A5000", "RTX A5000", 24, 0.27, 0.16, "HIGH"),
          new Gpu("NVIDIA GeForce RTX 3090", "RTX 3090", 24, 0.39, 0.22, "HIGH"),
          new Gpu("NVIDIA L4", "L4", 24, 0.78, 0.44, "MEDIUM"),
          new Gpu("NVIDIA GeForce RTX 4090", "RTX 4090", 24, 0.44, 0.31, "HIGH"),
          new Gpu("NVIDIA RTX A6000", "RTX A6000", 48, 0.49, 0.33, "HIGH"),
          new Gpu("NVIDIA A40", "A40", 48, 0.44, 0.35, "MEDIUM"),
          new Gpu("NVIDIA L40", "L40", 48, 1.22, 0.69, "LOW"),
          new Gpu("NVIDIA L40S", "L40S", 48, 0.79, null, "LOW"));

  private FakeGpuCatalog() {}

  static Gpu byId(String id) {
    return SEED.stream().filter(g -> g.id().equals(id)).findFirst().orElse(null);
  }
}
