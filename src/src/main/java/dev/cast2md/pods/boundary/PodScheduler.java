package dev.cast2md.pods.boundary;

import dev.cast2md.pods.control.Autoscaler;
import dev.cast2md.pods.control.PodSweep;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every {@code PODS_INTERVAL_SECONDS}: the reaper first (so that ended pods free their places),
 * then the autoscaler. Runs on the server's managed scheduler and stops with the application; the
 * time of the last completed pass feeds the liveness check.
 */
@ApplicationScoped
public class PodScheduler {
  private static final Logger LOG = Logger.getLogger(PodScheduler.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject PodSweep sweep;
  @Inject Autoscaler autoscaler;
  @Inject Settings settings;
  @Inject Clock clock;

  private ScheduledFuture<?> task;
  private volatile Instant lastPass;
  private volatile Instant startedAt;
  private long intervalSeconds;

  public synchronized void start() {
    if (task != null) {
      return;
    }
    intervalSeconds = settings.getLong(SettingKey.PODS_INTERVAL_SECONDS);
    startedAt = clock.instant();
    task =
        scheduler.scheduleWithFixedDelay(
            this::pass, Math.min(5, intervalSeconds), intervalSeconds, TimeUnit.SECONDS);
    LOG.info("event=pod-scheduler-started interval=" + intervalSeconds + "s");
  }

  /** One pass; public so that operators and tests can trigger it. */
  public void pass() {
    try {
      sweep.sweep();
      autoscaler.scale();
      lastPass = clock.instant();
    } catch (RuntimeException e) {
      // the next pass tries again; a failing pass must not cancel the schedule
      LOG.log(Level.WARNING, "event=pod-pass-failed", e);
    }
  }

  public Optional<Instant> lastPass() {
    return Optional.ofNullable(lastPass);
  }

  public Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }

  public long intervalSeconds() {
    return intervalSeconds;
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
