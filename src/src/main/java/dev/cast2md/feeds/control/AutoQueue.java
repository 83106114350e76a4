package dev.cast2md.feeds.control;

import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.JobType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Transcript first, for new episodes: one that names a publisher transcript gets a
 * transcript-download job, the others a transcription job; with {@code alwaysTranscribe} every
 * episode is transcribed. Priority 1, below anything a user asks for.
 */
public class AutoQueue implements Feeds.NewEpisodes {
  public static final int PRIORITY = 1;

  private final JobQueue queue;
  private final boolean alwaysTranscribe;

  public AutoQueue(JobQueue queue, boolean alwaysTranscribe) {
    this.queue = queue;
    this.alwaysTranscribe = alwaysTranscribe;
  }

  @Override
  public void discovered(Connection c, List<FeedEpisodes.NewEpisode> episodes) throws SQLException {
    for (FeedEpisodes.NewEpisode e : episodes) {
      if (e.hasTranscriptUrl() && !alwaysTranscribe) {
        queue.enqueue(c, e.id(), JobType.TRANSCRIPT_DOWNLOAD, PRIORITY);
      } else {
        queue.enqueueTranscription(c, e.id(), PRIORITY);
      }
    }
  }
}
