package dev.cast2md.pods.entity;

import java.time.Duration;
import java.time.Instant;

/** What one pod cost and did: billed from its creation to its termination. */
public record PodRun(
    long id,
    String instanceId,
    String provider,
    String podId,
    String podName,
    String gpuType,
    Double gpuPriceHr,
    Instant startedAt,
    Instant endedAt,
    int jobsCompleted,
    double audioSeconds,
    String status,
    String endReason) {

  public Duration billed(Instant now) {
    Instant end = endedAt == null ? now : endedAt;
    return end.isBefore(startedAt) ? Duration.ZERO : Duration.between(startedAt, end);
  }

  /** Dollars so far; null when the price is unknown. */
  public Double cost(Instant now) {
    return gpuPriceHr == null ? null : gpuPriceHr * billed(now).toMillis() / 3_600_000.0;
  }
}
