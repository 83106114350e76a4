package dev.cast2md.transcripts.control;

import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.JobType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Episodes waiting for a publisher transcript are asked again when their retry is due: another
 * transcript download while the episode is young, else transcription (it has waited long enough).
 */
public class TranscriptRetries {
  static final int RETRY_PRIORITY = 5;
  private static final int BATCH = 500;

  private final Database db;
  private final JobQueue queue;
  private final Clock clock;

  public TranscriptRetries(Database db, JobQueue queue, Clock clock) {
    this.db = db;
    this.queue = queue;
    this.clock = clock;
  }

  private record Due(long id, Instant publishedAt) {}

  /** Queues what is due, oldest due first; returns how many episodes were handled. */
  public int queueDue() {
    Instant now = clock.instant();
    Instant youngSince = now.minus(PublisherTranscriptImport.RETRY_WINDOW);
    return db.inTransaction(
        c -> {
          List<Due> due =
              Sql.query(
                  c,
                  "SELECT id, published_at FROM episode WHERE status = ?"
                      + " AND next_transcript_retry_at <= ? ORDER BY next_transcript_retry_at",
                  rs -> new Due(rs.getLong("id"), Sql.instant(rs, "published_at")),
                  EpisodeStatus.AWAITING_TRANSCRIPT,
                  now);
          int handled = 0;
          for (Due d : due.subList(0, Math.min(BATCH, due.size()))) {
            boolean young = d.publishedAt() != null && d.publishedAt().isAfter(youngSince);
            Sql.update(
                c,
                "UPDATE episode SET status = ?, next_transcript_retry_at = NULL, updated_at = ?"
                    + " WHERE id = ?",
                young ? EpisodeStatus.NEW : EpisodeStatus.NEEDS_AUDIO,
                now,
                d.id());
            if (young) {
              queue.enqueue(c, d.id(), JobType.TRANSCRIPT_DOWNLOAD, RETRY_PRIORITY);
            } else {
              queue.enqueueTranscription(c, d.id(), RETRY_PRIORITY);
            }
            handled++;
          }
          return handled;
        });
  }
}
