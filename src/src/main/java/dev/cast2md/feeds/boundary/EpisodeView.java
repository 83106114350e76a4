package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.feeds.entity.EpisodeState;
import dev.cast2md.queue.entity.Job;

/**
 * An episode as the API shows it, with its latest job (a publisher-transcript download, an audio
 * download when the server relays audio, or the transcription).
 */
public record EpisodeView(
    Long id,
    Long feedId,
    String guid,
    String title,
    String description,
    String audioUrl,
    String audioPath,
    String status,
    String state,
    Integer durationSeconds,
    String publishedAt,
    String transcriptModel,
    String transcriptSource,
    String errorMessage,
    Boolean permanentFailure,
    Boolean hasTranscript,
    Long jobId,
    String jobType,
    String jobStatus,
    Integer progressPercent,
    String createdAt,
    String updatedAt) {

  static EpisodeView of(Episode e, Job job, boolean hasTranscript) {
    return new EpisodeView(
        e.id(),
        e.feedId(),
        e.guid(),
        e.title(),
        e.description(),
        e.audioUrl(),
        e.audioPath(),
        e.status().wire(),
        EpisodeState.of(e.status(), job).wire(),
        e.durationSeconds(),
        e.publishedAt() == null ? null : e.publishedAt().toString(),
        e.transcriptModel(),
        e.transcriptSource(),
        e.errorMessage(),
        e.permanentFailure(),
        hasTranscript,
        job == null ? null : job.id(),
        job == null ? null : job.type().wire(),
        job == null ? null : job.status().wire(),
        job == null ? null : job.progressPercent(),
        e.createdAt().toString(),
        e.updatedAt().toString());
  }
}
