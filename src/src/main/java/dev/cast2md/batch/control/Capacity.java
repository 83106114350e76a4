package dev.cast2md.batch.control;

import dev.cast2md.pods.control.PodLifecycle;
import dev.cast2md.pods.control.PodPolicy;
import dev.cast2md.pods.control.PodRefusedException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Starts pods (RunPod, or local worker processes) for a backlog: as many as it has episodes left,
 * up to its own maximum and never past the configured cap, which the pod lifecycle enforces and
 * reports as a refusal. Pods stop themselves when the queue is empty, so nothing here ends them.
 */
public class Capacity {
  private static final Logger LOG = Logger.getLogger(Capacity.class.getName());

  /** As the autoscaler: after three failed set-ups in a row, no new pod for half an hour. */
  static final int FAILURES_TO_PAUSE = 3;

  static final Duration PAUSE = Duration.ofMinutes(30);

  private final PodLifecycle lifecycle;
  private final Clock clock;

  public Capacity(PodLifecycle lifecycle, Clock clock) {
    this.lifecycle = lifecycle;
    this.clock = clock;
  }

  /**
   * What one provisioning pass did.
   *
   * @param refusal why a pod could not be started, when one could not
   */
  public record Provisioned(int wanted, int active, int started, String refusal) {
    public String describe() {
      String pods = "pods: " + (active + started) + " running or starting of " + wanted + " wanted";
      return refusal == null ? pods : pods + "; " + refusal;
    }
  }

  /**
   * @param remaining episodes of the run still to do
   * @param maxPods the run's maximum; null: the configured one
   * @param model the model for new pods; null: the configured one
   */
  public Provisioned provision(long remaining, Integer maxPods, String model) {
    PodPolicy policy = lifecycle.policy();
    int max = maxPods == null ? policy.maxPods() : maxPods;
    int wanted = (int) Math.min(max, remaining);
    int active = lifecycle.activeCount();
    if (wanted <= active) {
      return new Provisioned(wanted, active, 0, null);
    }
    if (lifecycle.failureStreak() >= FAILURES_TO_PAUSE
        && lifecycle.lastFailure().plus(PAUSE).isAfter(clock.instant())) {
      return new Provisioned(
          wanted,
          active,
          0,
          "pods failed set-up "
              + lifecycle.failureStreak()
              + " times in a row; no new pod until "
              + lifecycle.lastFailure().plus(PAUSE));
    }
    Optional<String> refusal = lifecycle.refusal(policy);
    if (refusal.isPresent()) {
      return new Provisioned(wanted, active, 0, refusal.get());
    }
    int started = 0;
    for (int i = active; i < wanted; i++) {
      try {
        lifecycle.create(false, true, model);
        started++;
      } catch (PodRefusedException e) {
        LOG.info("event=batch-provision-refused " + e.getMessage());
        return new Provisioned(wanted, active, started, e.getMessage());
      }
    }
    LOG.info("event=batch-provision started=" + started + " active=" + active);
    return new Provisioned(wanted, active, started, null);
  }
}
