package dev.cast2md.worker.node;

import java.time.Duration;

/**
 * The cost guard's thresholds; a zero disables a rule, {@code persistent} disables them all.
 *
 * @param persistent NODE_PERSISTENT: a home machine or dev pod that never stops by itself
 * @param requiredEmptyChecks NODE_REQUIRED_EMPTY_CHECKS (2)
 * @param emptyCheckInterval NODE_EMPTY_QUEUE_WAIT (60 s) between counted empty checks
 * @param idleTimeout NODE_IDLE_TIMEOUT_MINUTES (10)
 * @param unreachableTimeout NODE_SERVER_UNREACHABLE_MINUTES (5)
 * @param maxConsecutiveFailures NODE_MAX_CONSECUTIVE_FAILURES (3)
 */
public record StopSettings(
    boolean persistent,
    int requiredEmptyChecks,
    Duration emptyCheckInterval,
    Duration idleTimeout,
    Duration unreachableTimeout,
    int maxConsecutiveFailures) {

  public static StopSettings defaults() {
    return new StopSettings(
        false, 2, Duration.ofSeconds(60), Duration.ofMinutes(10), Duration.ofMinutes(5), 3);
  }
}
