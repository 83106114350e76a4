package dev.cast2md.transcripts.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.ClaimedJob;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobType;
import java.util.Optional;

/**
 * Works off transcript-download jobs on the server (they need no GPU): claim one, import the
 * publisher's transcript, complete the job. When the publisher has none to give and the episode is
 * no longer young, it is queued for transcription instead.
 */
public class TranscriptDownloads {
  private final Database db;
  private final JobQueue queue;
  private final PublisherTranscriptImport importer;
  private final String workerId;

  /**
   * @param workerId the name this server's claims are recorded under
   */
  public TranscriptDownloads(
      Database db, JobQueue queue, PublisherTranscriptImport importer, String workerId) {
    this.db = db;
    this.queue = queue;
    this.importer = importer;
    this.workerId = workerId;
  }

  /** Processes one due job; false when there was none. */
  public boolean runOne() {
    Optional<ClaimedJob> claimed = queue.claim(workerId, JobType.TRANSCRIPT_DOWNLOAD);
    if (claimed.isEmpty()) {
      return false;
    }
    long jobId = claimed.get().job().id();
    long episodeId = claimed.get().job().episodeId();
    try {
      PublisherTranscriptImport.Outcome outcome = importer.run(episodeId);
      db.inTransaction(
          c -> {
            Optional<Job> job = queue.lock(c, jobId);
            if (job.isPresent()) {
              queue.complete(c, job.get(), workerId);
            }
            if (outcome == PublisherTranscriptImport.Outcome.NEEDS_AUDIO
                || outcome == PublisherTranscriptImport.Outcome.NO_TRANSCRIPT_URL) {
              queue.enqueueTranscription(c, episodeId, 1);
            }
            return null;
          });
    } catch (RuntimeException e) {
      // unexpected (database, bug): the job goes back with backoff instead of being lost
      db.inTransaction(
          c -> {
            Optional<Job> job = queue.lock(c, jobId);
            if (job.isPresent()) {
              queue.fail(c, job.get(), workerId, String.valueOf(e.getMessage()), true);
            }
            return null;
          });
    }
    return true;
  }
}
