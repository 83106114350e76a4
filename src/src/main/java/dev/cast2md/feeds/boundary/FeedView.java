package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.entity.Feed;
import java.util.List;
import java.util.Map;

/** A feed as the API shows it (snake_case through the shared JSON-B config). */
public record FeedView(
    Long id,
    String url,
    String title,
    String customTitle,
    String displayTitle,
    String description,
    String imageUrl,
    String author,
    String link,
    List<String> categories,
    String lastPolled,
    String lastError,
    String lastErrorAt,
    Long episodeCount,
    Map<String, Long> statusCounts,
    String createdAt,
    String updatedAt) {

  static FeedView of(Feed f, Map<String, Long> statusCounts) {
    Map<String, Long> counts = statusCounts == null ? Map.of() : statusCounts;
    return new FeedView(
        f.id(),
        f.url(),
        f.title(),
        f.customTitle(),
        f.displayTitle(),
        f.description(),
        f.imageUrl(),
        f.author(),
        f.link(),
        f.categories(),
        text(f.lastPolled()),
        f.lastError(),
        text(f.lastErrorAt()),
        counts.values().stream().mapToLong(Long::longValue).sum(),
        counts,
        f.createdAt().toString(),
        f.updatedAt().toString());
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }
}
