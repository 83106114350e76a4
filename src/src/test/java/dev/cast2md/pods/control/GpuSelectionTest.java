package dev.cast2md.pods.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.pods.entity.GpuOffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class GpuSelectionTest {
  private final GpuSelection selection =
      new GpuSelection("NVIDIA GeForce RTX 4090, NVIDIA GeForce RTX 4080,NVIDIA L4");

  @Test
  void blocklistMatchesIdsAndDisplayNamesButNotLookalikes() {
    assertTrue(selection.blocked("NVIDIA GeForce RTX 4090"));
    assertTrue(selection.blocked("RTX 4090"), "RunPod reports display names");
    assertTrue(selection.blocked("L4"));
    assertFalse(selection.blocked("L40"));
    assertFalse(selection.blocked("NVIDIA L40S"));
    assertFalse(selection.blocked("RTX A5000"));
  }

  @Test
  void preferredFirstThenOfferableByPriceThenNothingBlocked() {
    List<GpuOffer> catalog =
        List.of(
            new GpuOffer("NVIDIA RTX A6000", "RTX A6000", 48, 0.45),
            new GpuOffer("NVIDIA RTX A4000", "RTX A4000", 16, 0.17),
            new GpuOffer("NVIDIA GeForce RTX 4090", "RTX 4090", 24, 0.10),
            new GpuOffer("NVIDIA RTX A5000", "RTX A5000", 24, null),
            new GpuOffer("NVIDIA H100 80GB HBM3", "H100", 80, 2.99),
            new GpuOffer("NVIDIA RTX 2000 Ada", "RTX 2000 Ada", 12, 0.12));
    assertEquals(
        List.of("NVIDIA RTX A5000", "NVIDIA RTX A4000", "NVIDIA RTX A6000"),
        selection.candidates("NVIDIA RTX A5000", catalog));
    assertEquals(
        List.of("NVIDIA RTX A4000", "NVIDIA RTX A6000"),
        selection.candidates("NVIDIA GeForce RTX 4090", catalog),
        "a blocked preference is skipped");
  }

  @Test
  void anUnreadableCatalogFallsBackToKnownCards() {
    assertEquals(
        List.of(
            "NVIDIA RTX A5000", "NVIDIA RTX A4000", "NVIDIA GeForce RTX 3090", "NVIDIA RTX A6000"),
        selection.candidates("NVIDIA RTX A5000", List.of()));
  }
}
