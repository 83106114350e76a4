package dev.cast2md.pods.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * Starts pods while there is work: desired = min(ceil(queue depth / threshold), max pods), counting
 * pods running and pods being created. Scaling down is the pods' own business (they stop when the
 * queue is empty) and the reaper's. It waits a minute after a pod ended before starting another, so
 * a pod is not started and stopped in the same minute, and it pauses after three failed set-ups in
 * a row until an operator creates a pod or half an hour passes.
 */
public class Autoscaler {
  private static final Logger LOG = Logger.getLogger(Autoscaler.class.getName());
  static final Duration COOLDOWN = Duration.ofMinutes(1);
  static final int FAILURES_TO_PAUSE = 3;
  static final Duration PAUSE = Duration.ofMinutes(30);

  private final Database db;
  private final PodLifecycle lifecycle;
  private final Clock clock;

  public Autoscaler(Database db, PodLifecycle lifecycle, Clock clock) {
    this.db = db;
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /** Transcription jobs waiting and due now (a job in its retry backoff asks for no pod). */
  public long queueDepth() {
    Instant now = clock.instant();
    return db.inTransaction(
        c ->
            Sql.count(
                c,
                "SELECT COUNT(*) FROM job WHERE job_type = 'transcribe' AND status = 'queued'"
                    + " AND scheduled_at <= ?",
                now));
  }

  public static int desired(long depth, int threshold, int maxPods) {
    if (depth <= 0) {
      return 0;
    }
    long wanted = (depth + threshold - 1) / threshold;
    return (int) Math.min(wanted, maxPods);
  }

  /** One decision; answers how many pods it asked for. */
  public int scale() {
    PodPolicy policy = lifecycle.policy();
    if (!policy.enabled() || !policy.autoScale()) {
      return 0;
    }
    Instant now = clock.instant();
    if (lifecycle.failureStreak() >= FAILURES_TO_PAUSE
        && lifecycle.lastFailure().plus(PAUSE).isAfter(now)) {
      return 0;
    }
    long depth = queueDepth();
    int want = desired(depth, policy.scaleThreshold(), policy.maxPods());
    int active = lifecycle.activeCount();
    if (want <= active || lifecycle.lastPodEnd().plus(COOLDOWN).isAfter(now)) {
      return 0;
    }
    int started = 0;
    for (int i = active; i < want; i++) {
      try {
        lifecycle.create(false, true);
        started++;
      } catch (PodRefusedException e) {
        LOG.info("event=autoscale-refused " + e.getMessage());
        break;
      }
    }
    if (started > 0) {
      LOG.info("event=autoscale depth=" + depth + " active=" + active + " started=" + started);
    }
    return started;
  }
}
