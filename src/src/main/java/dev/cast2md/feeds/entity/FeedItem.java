package dev.cast2md.feeds.entity;

import java.time.Instant;
import java.util.List;

/**
 * One {@code <item>}/{@code <entry>} of a feed as parsed. {@code identity} is what makes the
 * episode the same one at the next refresh; {@code audioUrl} is null for items without audio. Texts
 * are plain text: markup from the feed is removed when parsed.
 */
public record FeedItem(
    String identity,
    String guid,
    String title,
    String description,
    String link,
    String author,
    String audioUrl,
    String audioType,
    Long audioLength,
    Integer durationSeconds,
    Instant publishedAt,
    List<TranscriptLink> transcripts) {

  public boolean hasAudio() {
    return audioUrl != null;
  }
}
