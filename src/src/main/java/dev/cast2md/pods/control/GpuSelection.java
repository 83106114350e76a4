package dev.cast2md.pods.control;

import dev.cast2md.pods.entity.GpuOffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which GPUs to try, in order: the preferred type, then the catalog's offerable types by price. The
 * blocklist is compared against ids and display names alike, because RunPod reports the allocated
 * GPU by display name ("RTX 4090") while settings name ids ("NVIDIA GeForce RTX 4090").
 */
public final class GpuSelection {
  /** Used when the catalog cannot be read: cards known to run Parakeet well, cheapest first. */
  static final List<String> FALLBACK =
      List.of(
          "NVIDIA RTX A5000", "NVIDIA RTX A4000", "NVIDIA GeForce RTX 3090", "NVIDIA RTX A6000");

  private static final int MIN_MEMORY_GB = 16;
  private static final double MAX_PRICE_HR = 1.00;

  private final Set<String> blocked;

  public GpuSelection(String blocklist) {
    this.blocked =
        blocklist == null
            ? Set.of()
            : java.util.Arrays.stream(blocklist.split(","))
                .map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty())
                .collect(Collectors.toUnmodifiableSet());
  }

  /** True when the GPU, known by id or by display name, is on the blocklist. */
  public boolean blocked(String idOrName) {
    if (idOrName == null || idOrName.isBlank()) {
      return false;
    }
    String g = idOrName.trim().toLowerCase(Locale.ROOT);
    for (String b : blocked) {
      // "NVIDIA GeForce RTX 4090" blocks "RTX 4090" and the reverse
      if (g.equals(b) || g.endsWith(" " + b) || b.endsWith(" " + g)) {
        return true;
      }
    }
    return false;
  }

  public boolean blocked(String id, String displayName) {
    return blocked(id) || blocked(displayName);
  }

  /** Candidates in the order to try them; never a blocked one. */
  public List<String> candidates(String preferred, List<GpuOffer> catalog) {
    Map<String, Boolean> ordered = new LinkedHashMap<>();
    Map<String, String> displayNames = new LinkedHashMap<>();
    for (GpuOffer g : catalog) {
      displayNames.put(g.id(), g.displayName());
    }
    if (preferred != null && !preferred.isBlank()) {
      String p = preferred.trim();
      if (!blocked(p, displayNames.get(p))) {
        ordered.put(p, true);
      }
    }
    List<GpuOffer> offerable = new ArrayList<>();
    for (GpuOffer g : catalog) {
      if (g.priceHr() != null
          && g.priceHr() <= MAX_PRICE_HR
          && g.memoryGb() >= MIN_MEMORY_GB
          && !blocked(g.id(), g.displayName())) {
        offerable.add(g);
      }
    }
    offerable.sort(Comparator.comparing(GpuOffer::priceHr).thenComparing(GpuOffer::id));
    for (GpuOffer g : offerable) {
      ordered.putIfAbsent(g.id(), true);
    }
    if (ordered.isEmpty() || catalog.isEmpty()) {
      for (String f : FALLBACK) {
        if (!blocked(f)) {
          ordered.putIfAbsent(f, true);
        }
      }
    }
    return List.copyOf(ordered.keySet());
  }
}
