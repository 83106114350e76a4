package dev.cast2md.pods.control.runpod;

import java.time.Duration;

/**
 * How often and how patiently a RunPod call is retried.
 *
 * @param maxAttempts attempts in all, the first included
 * @param initialBackoff the wait after the first failure; it doubles after each further one
 * @param maxBackoff the longest exponential wait
 * @param maxRetryAfter the longest wait a {@code Retry-After} header may ask for
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxRetryAfter) {

  public static final RetryPolicy DEFAULT =
      new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(120));

  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
  }

  /** The exponential wait after the given failed attempt (1-based). */
  Duration backoffAfter(int attempt) {
    long factor = 1L << Math.min(attempt - 1, 20);
    Duration wait = initialBackoff.multipliedBy(factor);
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }

  /** The wait before the next attempt: the backoff, or longer when the server asked for it. */
  Duration waitAfter(int attempt, Duration retryAfter) {
    Duration wait = backoffAfter(attempt);
    if (retryAfter != null) {
      Duration asked = retryAfter.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : retryAfter;
      if (asked.compareTo(wait) > 0) {
        wait = asked;
      }
    }
    return wait;
  }
}
