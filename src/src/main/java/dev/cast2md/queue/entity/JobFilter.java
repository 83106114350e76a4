package dev.cast2md.queue.entity;

/** Which jobs a listing shows; a null field does not filter. */
public record JobFilter(JobStatus status, JobType type, Long episodeId, String nodeId) {
  public static JobFilter all() {
    return new JobFilter(null, null, null, null);
  }
}
