package dev.cast2md.worker.node;

import java.time.Duration;

/**
 * A bounded retry schedule: {@code attempts} tries in all, waiting {@code initial}, then twice as
 * long each time, never more than {@code max}.
 */
public record Backoff(int attempts, Duration initial, Duration max) {

  public Duration delayBefore(int attempt) {
    long millis = initial.toMillis() << Math.min(20, Math.max(0, attempt - 2));
    return Duration.ofMillis(Math.min(millis, max.toMillis()));
  }

  /** Waits between tries; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
  }
}
