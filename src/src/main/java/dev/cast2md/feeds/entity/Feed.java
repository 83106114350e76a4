package dev.cast2md.feeds.entity;

import java.time.Instant;
import java.util.List;

/** A subscribed feed, with what its last poll left behind (validators, error). */
public record Feed(
    long id,
    String url,
    String title,
    String customTitle,
    String description,
    String imageUrl,
    String author,
    String link,
    List<String> categories,
    Instant lastPolled,
    String etag,
    String lastModified,
    String lastError,
    Instant lastErrorAt,
    Instant createdAt,
    Instant updatedAt) {

  public String displayTitle() {
    return customTitle != null && !customTitle.isBlank() ? customTitle : title;
  }
}
