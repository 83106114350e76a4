package dev.cast2md.queue.control;

import java.time.Duration;

/**
 * The queue's tunables.
 *
 * @param lease how long a claim holds without a heartbeat or progress report renewing it
 * @param orphanGrace how old a claim must be before a heartbeat that omits it may release it
 * @param retryBackoffBase the wait before the first retry; each further attempt multiplies it by
 *     {@code retryBackoffFactor}, up to {@code retryBackoffCap}
 * @param maxAttempts attempts a new job gets before it fails for good
 */
public record QueuePolicy(
    Duration lease,
    Duration orphanGrace,
    Duration retryBackoffBase,
    int retryBackoffFactor,
    Duration retryBackoffCap,
    int maxAttempts) {

  public static QueuePolicy defaults() {
    return new QueuePolicy(
        Duration.ofMinutes(5),
        Duration.ofSeconds(90),
        Duration.ofMinutes(5),
        5,
        Duration.ofHours(12),
        10);
  }

  /** Wait before the next try after {@code attempts} attempts have been used. */
  public Duration backoffAfter(int attempts) {
    Duration wait = retryBackoffBase;
    for (int i = 1; i < attempts && wait.compareTo(retryBackoffCap) < 0; i++) {
      wait = wait.multipliedBy(retryBackoffFactor);
    }
    return wait.compareTo(retryBackoffCap) > 0 ? retryBackoffCap : wait;
  }
}
