package dev.cast2md.queue.boundary;

import dev.cast2md.queue.entity.Job;
import java.time.Instant;

/** A job as the queue API shows it. */
public record JobView(
    Long id,
    Long episodeId,
    String jobType,
    Integer priority,
    String status,
    Integer attempts,
    Integer maxAttempts,
    String scheduledAt,
    String startedAt,
    String completedAt,
    String nextRetryAt,
    String errorMessage,
    String assignedNodeId,
    String claimedAt,
    String leaseExpiresAt,
    Integer progressPercent,
    String createdAt,
    String updatedAt) {

  static JobView of(Job j) {
    return new JobView(
        j.id(),
        j.episodeId(),
        j.type().wire(),
        j.priority(),
        j.status().wire(),
        j.attempts(),
        j.maxAttempts(),
        iso(j.scheduledAt()),
        iso(j.startedAt()),
        iso(j.completedAt()),
        iso(j.nextRetryAt()),
        j.errorMessage(),
        j.assignedNodeId(),
        iso(j.claimedAt()),
        iso(j.leaseExpiresAt()),
        j.progressPercent(),
        iso(j.createdAt()),
        iso(j.updatedAt()));
  }

  private static String iso(Instant i) {
    return i == null ? null : i.toString();
  }
}
