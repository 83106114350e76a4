package dev.cast2md.nodes.boundary;

import dev.cast2md.nodes.control.NodeRepository;
import dev.cast2md.platform.control.Database;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every interval: nodes not heard from within the heartbeat timeout go offline, and jobs whose
 * lease ran out go back to the queue. Runs on the server's managed scheduler; stops with the app.
 */
@ApplicationScoped
public class Coordinator {
  private static final Logger LOG = Logger.getLogger(Coordinator.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Database db;
  @Inject JobQueue queue;
  @Inject Settings settings;
  @Inject Clock clock;

  private ScheduledFuture<?> task;
  private volatile Instant lastSweep;
  private volatile Instant startedAt;

  public synchronized void start() {
    if (task != null) {
      return;
    }
    long interval = settings.getLong(SettingKey.COORDINATOR_INTERVAL_SECONDS);
    startedAt = clock.instant();
    task = scheduler.scheduleWithFixedDelay(this::sweep, interval, interval, TimeUnit.SECONDS);
    LOG.info("event=coordinator-started interval=" + interval + "s");
  }

  /** One pass; public so that operators and tests can trigger it. */
  public void sweep() {
    try {
      Instant now = clock.instant();
      Duration timeout =
          Duration.ofSeconds(settings.getLong(SettingKey.NODE_HEARTBEAT_TIMEOUT_SECONDS));
      List<String> offline =
          db.inTransaction(c -> NodeRepository.markSilentOffline(c, now.minus(timeout), now));
      for (String id : offline) {
        LOG.info("node=" + id + " event=offline no heartbeat for " + timeout.toSeconds() + "s");
      }
      queue.reclaimExpiredLeases();
      lastSweep = clock.instant();
    } catch (RuntimeException e) {
      // the next pass will try again; a failed pass must not cancel the schedule
      LOG.log(Level.WARNING, "coordinator pass failed", e);
    }
  }

  /** When the last pass completed; empty before the first. */
  public java.util.Optional<Instant> lastSweep() {
    return java.util.Optional.ofNullable(lastSweep);
  }

  /** When the schedule started; empty before the server finished starting. */
  public java.util.Optional<Instant> startedAt() {
    return java.util.Optional.ofNullable(startedAt);
  }

  public long intervalSeconds() {
    return settings.getLong(SettingKey.COORDINATOR_INTERVAL_SECONDS);
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
