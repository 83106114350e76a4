package dev.cast2md.transcripts.control;

import static dev.cast2md.platform.control.Sql.instant;

import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.transcripts.entity.Transcript;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Transcripts live in the database, next to the episode they belong to. */
public final class TranscriptRepository {
  private TranscriptRepository() {}

  /** Stores (or replaces) the episode's transcript and marks the episode completed. */
  public static void save(Connection c, Transcript t, Instant now) throws SQLException {
    int updated =
        Sql.update(
            c,
            "UPDATE transcript SET markdown = ?, segments_json = ?, model = ?, source = ?,"
                + " language = ?, updated_at = ? WHERE episode_id = ?",
            t.markdown(),
            t.segmentsJson(),
            t.model(),
            t.source(),
            t.language(),
            now,
            t.episodeId());
    if (updated == 0) {
      Sql.update(
          c,
          "INSERT INTO transcript (episode_id, markdown, segments_json, model, source, language,"
              + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          t.episodeId(),
          t.markdown(),
          t.segmentsJson(),
          t.model(),
          t.source(),
          t.language(),
          now,
          now);
    }
    Sql.update(
        c,
        "UPDATE episode SET status = ?, transcript_model = ?, transcript_source = ?,"
            + " error_message = NULL, permanent_failure = FALSE, updated_at = ? WHERE id = ?",
        EpisodeStatus.COMPLETED,
        t.model(),
        t.source(),
        now,
        t.episodeId());
  }

  public static Optional<Transcript> find(Connection c, long episodeId) throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT episode_id, markdown, segments_json, model, source, language, created_at,"
            + " updated_at FROM transcript WHERE episode_id = ?",
        rs ->
            new Transcript(
                rs.getLong("episode_id"),
                Sql.text(rs, "markdown"),
                Sql.text(rs, "segments_json"),
                rs.getString("model"),
                rs.getString("source"),
                rs.getString("language"),
                instant(rs, "created_at"),
                instant(rs, "updated_at")),
        episodeId);
  }
}
