package dev.cast2md.queue.control;

import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.entity.ClaimedJob;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * What a transcription job's transitions do to its episode, in the job's own transaction. Only
 * transcribe jobs move the episode, and a failure marks it failed only when no retry is left.
 */
final class EpisodeSideEffects {
  private EpisodeSideEffects() {}

  static void started(Connection c, Job job, Instant now) throws SQLException {
    if (job.type() == JobType.TRANSCRIBE) {
      Sql.update(
          c,
          "UPDATE episode SET status = ?, updated_at = ? WHERE id = ? AND status <> ?",
          EpisodeStatus.TRANSCRIBING,
          now,
          job.episodeId(),
          EpisodeStatus.COMPLETED);
    }
  }

  /**
   * PostgreSQL only: marks a transcription's episode started and returns what the claimer needs of
   * it in the same statement; empty for other job types.
   */
  static Optional<ClaimedJob> startedReturning(Connection c, Job job, Instant now)
      throws SQLException {
    if (job.type() != JobType.TRANSCRIBE) {
      return Optional.empty();
    }
    return Sql.queryOne(
        c,
        "UPDATE episode SET status = CASE WHEN status = ? THEN status ELSE ? END,"
            + " updated_at = CASE WHEN status = ? THEN updated_at ELSE ? END WHERE id = ?"
            + " RETURNING title, "
            + ENCLOSURE
            + ", duration_seconds",
        claimedWith(job),
        EpisodeStatus.COMPLETED,
        EpisodeStatus.TRANSCRIBING,
        EpisodeStatus.COMPLETED,
        now,
        job.episodeId());
  }

  /**
   * The enclosure a worker may fetch directly: none once the server holds the file (it relayed the
   * audio because workers cannot, or should not, reach the publisher).
   */
  static final String ENCLOSURE = "CASE WHEN audio_path IS NULL THEN audio_url END AS audio_url";

  /** Maps an episode's title, audio URL and duration onto the job just claimed. */
  static Sql.RowMapper<ClaimedJob> claimedWith(Job job) {
    return rs ->
        new ClaimedJob(
            job,
            rs.getString("title"),
            rs.getString("audio_url"),
            Sql.nullableInt(rs, "duration_seconds"));
  }

  static void requeued(Connection c, Job job, Instant now) throws SQLException {
    if (job.type() == JobType.TRANSCRIBE) {
      Sql.update(
          c,
          "UPDATE episode SET status = CASE WHEN audio_path IS NULL THEN ? ELSE ? END,"
              + " updated_at = ? WHERE id = ? AND status = ?",
          EpisodeStatus.NEW,
          EpisodeStatus.AUDIO_READY,
          now,
          job.episodeId(),
          EpisodeStatus.TRANSCRIBING);
    }
  }

  static void failed(Connection c, Job job, String message, boolean permanent, Instant now)
      throws SQLException {
    if (job.type() == JobType.TRANSCRIBE) {
      Sql.update(
          c,
          "UPDATE episode SET status = ?, error_message = ?, permanent_failure = ?, updated_at = ?"
              + " WHERE id = ? AND status <> ?",
          EpisodeStatus.FAILED,
          message,
          permanent,
          now,
          job.episodeId(),
          EpisodeStatus.COMPLETED);
    }
  }
}
