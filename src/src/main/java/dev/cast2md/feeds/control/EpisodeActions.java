package dev.cast2md.feeds.control;

import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.EnqueueResult;
import dev.cast2md.queue.entity.JobType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a user asks for an episode or a selection of them: transcribe it, look for the publisher's
 * transcript again, or retry a failed one. Queueing is idempotent (an active job is reused), so
 * repeating a bulk action is harmless.
 */
public class EpisodeActions {
  /** Manual requests go before the automatic backlog (priority 1). */
  public static final int MANUAL_PRIORITY = 10;

  public static final int MAX_SELECTION = 1000;

  private final Database db;
  private final JobQueue queue;

  public EpisodeActions(Database db, JobQueue queue) {
    this.db = db;
    this.queue = queue;
  }

  public enum Action {
    TRANSCRIBE,
    TRANSCRIPT_CHECK,
    RETRY,
    SKIP;

    public static Optional<Action> parse(String value) {
      if (value == null) {
        return Optional.empty();
      }
      return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "transcribe", "queue" -> Optional.of(TRANSCRIBE);
        case "transcript_check", "check_transcript" -> Optional.of(TRANSCRIPT_CHECK);
        case "retry" -> Optional.of(RETRY);
        case "skip" -> Optional.of(SKIP);
        default -> Optional.empty();
      };
    }
  }

  /** One episode's outcome: the active job, or why there is none. */
  public record Outcome(long episodeId, Long jobId, boolean created, String problem) {}

  private Outcome apply(Connection c, Action action, long id) throws SQLException {
    Optional<Row> row =
        Sql.queryOne(
            c,
            "SELECT status, COALESCE(transcript_url, '') FROM episode WHERE id = ?",
            rs -> new Row(EpisodeStatus.parse(rs.getString(1)), rs.getString(2)),
            id);
    if (row.isEmpty()) {
      return new Outcome(id, null, false, "Episode not found");
    }
    return switch (action) {
      case TRANSCRIBE -> {
        if (row.get().status() == EpisodeStatus.SKIPPED) {
          unskip(c, id);
        }
        yield queued(id, queue.enqueueTranscription(c, id, MANUAL_PRIORITY));
      }
      case SKIP -> skip(c, id, row.get().status());
      case TRANSCRIPT_CHECK ->
          row.get().transcriptUrl().isEmpty()
              ? new Outcome(id, null, false, "The feed names no transcript for it")
              : queued(id, queue.enqueue(c, id, JobType.TRANSCRIPT_DOWNLOAD, MANUAL_PRIORITY));
      case RETRY -> retry(c, id, row.get().status());
    };
  }

  private record Row(EpisodeStatus status, String transcriptUrl) {}

  /** Cancels whatever is queued or running for the episode and marks it skipped. */
  private Outcome skip(Connection c, long id, EpisodeStatus status) throws SQLException {
    if (status == EpisodeStatus.COMPLETED) {
      return new Outcome(id, null, false, "Already transcribed; nothing to skip");
    }
    List<Long> active =
        Sql.query(
            c,
            "SELECT id FROM job WHERE episode_id = ? AND status IN ('queued', 'running')",
            rs -> rs.getLong(1),
            id);
    for (long jobId : active) {
      queue.cancel(c, jobId);
    }
    Sql.update(
        c,
        "UPDATE episode SET status = ?, updated_at = ? WHERE id = ?",
        EpisodeStatus.SKIPPED,
        queue.now(),
        id);
    return new Outcome(id, null, false, null);
  }

  private void unskip(Connection c, long id) throws SQLException {
    Sql.update(
        c,
        "UPDATE episode SET status = CASE WHEN audio_path IS NULL THEN ? ELSE ? END,"
            + " updated_at = ? WHERE id = ?",
        EpisodeStatus.NEW,
        EpisodeStatus.AUDIO_READY,
        queue.now(),
        id);
  }

  private static Outcome queued(long id, EnqueueResult r) {
    return new Outcome(id, r.jobId(), r.created(), null);
  }

  /**
   * A failed episode is queued again for what failed last (its publisher transcript, or its
   * download and transcription), with fresh attempts; the failure is cleared from the episode so
   * that it shows as waiting again. A job still active is reused.
   */
  private Outcome retry(Connection c, long id, EpisodeStatus status) throws SQLException {
    Optional<Long> active =
        Sql.queryOne(
            c,
            "SELECT id FROM job WHERE episode_id = ? AND status IN ('queued', 'running')"
                + " ORDER BY id",
            rs -> rs.getLong(1),
            id);
    if (active.isPresent()) {
      return new Outcome(id, active.get(), false, null);
    }
    if (status != EpisodeStatus.FAILED) {
      return new Outcome(
          id, null, false, "Only failed episodes are retried; this one is " + status.wire());
    }
    Optional<JobType> last =
        Sql.queryOne(
            c,
            "SELECT job_type FROM job WHERE episode_id = ? ORDER BY id DESC",
            rs -> JobType.parse(rs.getString(1)),
            id);
    Sql.update(
        c,
        "UPDATE episode SET status = CASE WHEN audio_path IS NULL THEN ? ELSE ? END,"
            + " error_message = NULL, permanent_failure = FALSE, updated_at = ? WHERE id = ?",
        EpisodeStatus.NEW,
        EpisodeStatus.AUDIO_READY,
        queue.now(),
        id);
    EnqueueResult r =
        last.orElse(JobType.TRANSCRIBE) == JobType.TRANSCRIPT_DOWNLOAD
            ? queue.enqueue(c, id, JobType.TRANSCRIPT_DOWNLOAD, MANUAL_PRIORITY)
            : queue.enqueueTranscription(c, id, MANUAL_PRIORITY);
    return queued(id, r);
  }

  public List<Outcome> apply(Action action, List<Long> episodeIds) {
    List<Long> ids = new ArrayList<>(new LinkedHashSet<>(episodeIds));
    if (ids.size() > MAX_SELECTION) {
      throw new IllegalArgumentException("At most " + MAX_SELECTION + " episodes at once");
    }
    return db.inTransaction(
        c -> {
          List<Outcome> out = new ArrayList<>();
          for (long id : ids) {
            out.add(apply(c, action, id));
          }
          return out;
        });
  }
}
