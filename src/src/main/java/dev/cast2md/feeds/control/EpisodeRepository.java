package dev.cast2md.feeds.control;

import static dev.cast2md.platform.control.Sql.instant;

import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

  /** Which episodes a listing shows; a null field does not filter. */
  public record Filter(
      Long feedId, EpisodeStatus status, Instant publishedFrom, Instant publishedTo) {}

  /** A page of episodes, newest first, and how many match in all. */
  public record Page(List<Episode> episodes, long total) {}

  public static Page list(Connection c, Filter f, int limit, int offset) throws SQLException {
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    List<Object> params = new ArrayList<>();
    if (f.feedId() != null) {
      where.append(" AND feed_id = ?");
      params.add(f.feedId());
    }
    if (f.status() != null) {
      where.append(" AND status = ?");
      params.add(f.status());
    }
    if (f.publishedFrom() != null) {
      where.append(" AND published_at >= ?");
      params.add(f.publishedFrom());
    }
    if (f.publishedTo() != null) {
      where.append(" AND published_at < ?");
      params.add(f.publishedTo());
    }
    long total = Sql.count(c, "SELECT COUNT(*) FROM episode" + where, params.toArray());
    List<Object> page = new ArrayList<>(params);
    page.add(limit);
    page.add(offset);
    List<Episode> episodes =
        Sql.query(
            c,
            "SELECT "
                + COLUMNS
                + " FROM episode"
                + where
                + " ORDER BY COALESCE(published_at, created_at) DESC, id DESC LIMIT ? OFFSET ?",
            EpisodeRepository::map,
            page.toArray());
    return new Page(episodes, total);
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
