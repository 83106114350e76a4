package dev.cast2md.queue.entity;

import java.time.Instant;

/** One row of the queue. */
public record Job(
    long id,
    long episodeId,
    JobType type,
    int priority,
    JobStatus status,
    int attempts,
    int maxAttempts,
    boolean workStarted,
    Instant scheduledAt,
    Instant startedAt,
    Instant completedAt,
    Instant nextRetryAt,
    String errorMessage,
    String assignedNodeId,
    Instant claimedAt,
    Instant leaseExpiresAt,
    int progressPercent,
    Instant createdAt,
    Instant updatedAt) {

  public boolean isActive() {
    return status == JobStatus.QUEUED || status == JobStatus.RUNNING;
  }

  public boolean isHeldBy(String nodeId) {
    return status == JobStatus.RUNNING && nodeId != null && nodeId.equals(assignedNodeId);
  }
}
