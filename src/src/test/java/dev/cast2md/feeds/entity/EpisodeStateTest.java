package dev.cast2md.feeds.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EpisodeStateTest {
  private static Job job(JobType type, JobStatus status) {
    Instant t = Instant.EPOCH;
    return new Job(
        1, 1, type, 10, status, 0, 10, false, t, null, null, null, null, null, null, null, 0, t, t);
  }

  @Test
  void foldsStatusAndLatestJobIntoWhatAUserExpects() {
    assertEquals(EpisodeState.NEW, EpisodeState.of(EpisodeStatus.NEW, null));
    assertEquals(
        EpisodeState.TRANSCRIPT_FOUND,
        EpisodeState.of(EpisodeStatus.NEW, job(JobType.TRANSCRIPT_DOWNLOAD, JobStatus.QUEUED)));
    assertEquals(
        EpisodeState.QUEUED,
        EpisodeState.of(EpisodeStatus.NEW, job(JobType.TRANSCRIBE, JobStatus.QUEUED)));
    assertEquals(
        EpisodeState.TRANSCRIBING,
        EpisodeState.of(EpisodeStatus.AUDIO_READY, job(JobType.TRANSCRIBE, JobStatus.RUNNING)));
    assertEquals(
        EpisodeState.DOWNLOADING,
        EpisodeState.of(EpisodeStatus.NEEDS_AUDIO, job(JobType.DOWNLOAD, JobStatus.RUNNING)));
    assertEquals(EpisodeState.QUEUED, EpisodeState.of(EpisodeStatus.AUDIO_READY, null));
    assertEquals(EpisodeState.COMPLETED, EpisodeState.of(EpisodeStatus.COMPLETED, null));
    assertEquals(
        EpisodeState.FAILED,
        EpisodeState.of(EpisodeStatus.FAILED, job(JobType.TRANSCRIBE, JobStatus.FAILED)));
    assertEquals(
        EpisodeState.QUEUED,
        EpisodeState.of(EpisodeStatus.FAILED, job(JobType.TRANSCRIBE, JobStatus.QUEUED)),
        "a retried failure is queued again");
    assertEquals(EpisodeState.SKIPPED, EpisodeState.of(EpisodeStatus.SKIPPED, null));
    assertEquals("transcript_found", EpisodeState.TRANSCRIPT_FOUND.wire());
  }
}
