package dev.cast2md.feeds.entity;

import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import java.util.Locale;

/**
 * The state a user reads off an episode, folded from the stored status (the reference's state
 * machine) and its latest job: new, transcript found, queued, downloading, transcribing, completed,
 * failed (the reason is the episode's error message), skipped.
 */
public enum EpisodeState {
  NEW,
  TRANSCRIPT_FOUND,
  QUEUED,
  DOWNLOADING,
  TRANSCRIBING,
  COMPLETED,
  FAILED,
  SKIPPED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EpisodeState of(EpisodeStatus status, Job latest) {
    boolean active = latest != null && latest.isActive();
    boolean running = active && latest.status() == JobStatus.RUNNING;
    return switch (status) {
      case COMPLETED -> COMPLETED;
      case FAILED -> active ? QUEUED : FAILED;
      case SKIPPED -> SKIPPED;
      case DOWNLOADING -> DOWNLOADING;
      case TRANSCRIBING -> TRANSCRIBING;
      case NEEDS_AUDIO, AUDIO_READY -> running ? runningState(latest) : QUEUED;
      case NEW, AWAITING_TRANSCRIPT -> {
        if (active && latest.type() == JobType.TRANSCRIPT_DOWNLOAD) {
          yield TRANSCRIPT_FOUND;
        }
        yield active ? (running ? runningState(latest) : QUEUED) : NEW;
      }
    };
  }

  private static EpisodeState runningState(Job job) {
    return switch (job.type()) {
      case DOWNLOAD -> DOWNLOADING;
      case TRANSCRIPT_DOWNLOAD -> TRANSCRIPT_FOUND;
      default -> TRANSCRIBING;
    };
  }
}
