package dev.cast2md.feeds.control;

import static dev.cast2md.platform.control.Sql.instant;

import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Episode rows. */
public final class EpisodeRepository {
  private static final String COLUMNS =
      "id, feed_id, guid, title, description, audio_url, audio_path, audio_content_type,"
          + " duration_seconds, published_at, status, transcript_model, transcript_source,"
          + " error_message, permanent_failure, created_at, updated_at";

  private EpisodeRepository() {}

  /** Creates an episode that belongs to no feed. */
  public static long createStandalone(
      Connection c, String title, String audioUrl, String audioPath, Instant now)
      throws SQLException {
    return Sql.insert(
        c,
        "INSERT INTO episode (feed_id, guid, title, audio_url, audio_path, status, created_at,"
            + " updated_at) VALUES (NULL, ?, ?, ?, ?, ?, ?, ?)",
        "standalone:" + UUID.randomUUID(),
        title,
        audioUrl,
        audioPath,
        audioPath == null ? EpisodeStatus.NEW : EpisodeStatus.AUDIO_READY,
        now,
        now);
  }

  public static Optional<Episode> find(Connection c, long id) throws SQLException {
    return Sql.queryOne(
        c, "SELECT " + COLUMNS + " FROM episode WHERE id = ?", EpisodeRepository::map, id);
  }

  public static void setAudioPath(
      Connection c, long id, String audioPath, String contentType, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE episode SET audio_path = ?, audio_content_type = ?, updated_at = ? WHERE id = ?",
        audioPath,
        contentType,
        now,
        id);
  }

  static Episode map(ResultSet rs) throws SQLException {
    return new Episode(
        rs.getLong("id"),
        Sql.nullableLong(rs, "feed_id"),
        rs.getString("guid"),
        rs.getString("title"),
        Sql.text(rs, "description"),
        rs.getString("audio_url"),
        rs.getString("audio_path"),
        rs.getString("audio_content_type"),
        Sql.nullableInt(rs, "duration_seconds"),
        instant(rs, "published_at"),
        EpisodeStatus.parse(rs.getString("status")),
        rs.getString("transcript_model"),
        rs.getString("transcript_source"),
        rs.getString("error_message"),
        rs.getBoolean("permanent_failure"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }
}
