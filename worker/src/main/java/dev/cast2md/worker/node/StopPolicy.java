package dev.cast2md.worker.node;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When a pod should stop itself to stop costing money. Unlike cast2md, a failed claim is not an
 * empty queue (a server outage is judged by the unreachable rule alone), only engine failures trip
 * the breaker (a dead publisher link is not a broken GPU), and nothing fires while a job is being
 * transcribed.
 */
public final class StopPolicy {
  private final StopSettings settings;
  private final Clock clock;
  private int emptyChecks;
  private Instant lastCountedEmpty;
  private Instant lastActivity;
  private Instant lastServerContact;
  private int consecutiveFailures;
  private boolean busy;

  public StopPolicy(StopSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.lastActivity = clock.instant();
    this.lastServerContact = clock.instant();
  }

  /** A claim found no work while the worker had nothing to do. */
  public synchronized void queueEmpty() {
    Instant now = clock.instant();
    if (lastCountedEmpty == null
        || !now.isBefore(lastCountedEmpty.plus(settings.emptyCheckInterval()))) {
      emptyChecks++;
      lastCountedEmpty = now;
    }
  }

  /** A claim returned a job. */
  public synchronized void workArrived() {
    emptyChecks = 0;
    lastCountedEmpty = null;
    lastActivity = clock.instant();
  }

  public synchronized void serverReached() {
    lastServerContact = clock.instant();
  }

  public synchronized void jobStarted() {
    busy = true;
    lastActivity = clock.instant();
  }

  /** The transcript was delivered or safely spooled. */
  public synchronized void jobSucceeded() {
    consecutiveFailures = 0;
    jobEnded();
  }

  /** The engine failed on a job. */
  public synchronized void jobFailed() {
    consecutiveFailures++;
    jobEnded();
  }

  /**
   * A job could not be prepared for a reason of this worker's own (its disk is full): counts
   * towards the circuit breaker, so a pod that cannot work stops instead of failing the queue.
   */
  public synchronized void workerFault() {
    consecutiveFailures++;
  }

  /** The job ended without saying anything about the engine (taken back by the server). */
  public synchronized void jobEnded() {
    busy = false;
    lastActivity = clock.instant();
  }

  public synchronized int consecutiveFailures() {
    return consecutiveFailures;
  }

  /** True when the breaker would have fired; persistent nodes log it instead of stopping. */
  public synchronized boolean breakerTripped() {
    return settings.maxConsecutiveFailures() > 0
        && consecutiveFailures >= settings.maxConsecutiveFailures();
  }

  public synchronized Optional<StopReason> evaluate() {
    if (settings.persistent()) {
      return Optional.empty();
    }
    if (breakerTripped()) {
      return Optional.of(StopReason.FAILURES);
    }
    if (busy) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    if (settings.requiredEmptyChecks() > 0 && emptyChecks >= settings.requiredEmptyChecks()) {
      return Optional.of(StopReason.EMPTY_QUEUE);
    }
    if (elapsed(settings.idleTimeout(), lastActivity, now)) {
      return Optional.of(StopReason.IDLE);
    }
    if (elapsed(settings.unreachableTimeout(), lastServerContact, now)) {
      return Optional.of(StopReason.SERVER_UNREACHABLE);
    }
    return Optional.empty();
  }

  private static boolean elapsed(Duration limit, Instant since, Instant now) {
    return !limit.isZero() && !now.isBefore(since.plus(limit));
  }
}
