package dev.cast2md.feeds.control;

import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.feeds.entity.FeedItem;
import dev.cast2md.feeds.entity.TranscriptLink;
import dev.cast2md.platform.control.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Discovery: the feed's audio items that are not stored yet become episodes in state {@code new}.
 * Identity is the item's {@code identity} in the {@code guid} column (unique per feed), so a
 * refresh never duplicates an episode. Callers hold the feed row lock (see {@link
 * FeedRepository#lock}), so the read-then-insert cannot race another refresh of the same feed.
 */
public final class FeedEpisodes {
  private FeedEpisodes() {}

  /** An episode discovery just stored, and whether its feed names a publisher transcript. */
  public record NewEpisode(long id, boolean hasTranscriptUrl) {}

  /** Inserts the new episodes and returns them, in feed order. */
  public static List<NewEpisode> insertNew(
      Connection c, long feedId, List<FeedItem> items, Instant now) throws SQLException {
    Set<String> known =
        new HashSet<>(
            Sql.query(
                c, "SELECT guid FROM episode WHERE feed_id = ?", rs -> rs.getString(1), feedId));
    List<NewEpisode> inserted = new ArrayList<>();
    for (FeedItem item : items) {
      if (!item.hasAudio() || !known.add(item.identity())) {
        continue;
      }
      Optional<TranscriptLink> transcript = TranscriptChoice.preferred(item.transcripts());
      long id =
          Sql.insert(
              c,
              "INSERT INTO episode (feed_id, guid, title, description, audio_url, duration_seconds,"
                  + " published_at, status, transcript_url, transcript_type, link, author,"
                  + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              feedId,
              item.identity(),
              item.title(),
              item.description(),
              FeedRepository.cap(item.audioUrl(), 4096),
              item.durationSeconds(),
              item.publishedAt(),
              EpisodeStatus.NEW,
              transcript.map(t -> FeedRepository.cap(t.url(), 4096)).orElse(null),
              transcript.map(t -> FeedRepository.cap(t.type(), 128)).orElse(null),
              FeedRepository.cap(item.link(), 4096),
              item.author(),
              now,
              now);
      inserted.add(new NewEpisode(id, transcript.isPresent()));
    }
    return inserted;
  }

  /** A page of the feed's episodes, newest first (undated ones last). */
  public static List<Episode> page(Connection c, long feedId, int limit, int offset)
      throws SQLException {
    return Sql.query(
        c,
        "SELECT * FROM episode WHERE feed_id = ?"
            + " ORDER BY published_at DESC NULLS LAST, id DESC LIMIT ? OFFSET ?",
        EpisodeRepository::map,
        feedId,
        limit,
        offset);
  }

  public static long count(Connection c, long feedId) throws SQLException {
    return Sql.count(c, "SELECT COUNT(*) FROM episode WHERE feed_id = ?", feedId);
  }
}
