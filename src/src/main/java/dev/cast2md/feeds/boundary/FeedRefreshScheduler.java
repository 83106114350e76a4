package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.control.Feeds;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Polls all feeds on a schedule (hourly by default, 0 turns it off), one after another, with
 * conditional GETs so that unchanged feeds cost a 304. The first poll comes a minute after start.
 */
@ApplicationScoped
public class FeedRefreshScheduler {
  private static final Logger LOG = Logger.getLogger(FeedRefreshScheduler.class.getName());

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Feeds feeds;

  @Inject
  @ConfigProperty(name = "cast2md.feeds.refresh-interval-minutes", defaultValue = "60")
  long intervalMinutes;

  private ScheduledFuture<?> task;

  synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (task == null && intervalMinutes > 0) {
      task =
          scheduler.scheduleWithFixedDelay(
              this::pass, 60, TimeUnit.MINUTES.toSeconds(intervalMinutes), TimeUnit.SECONDS);
    }
  }

  void pass() {
    try {
      int found = feeds.refreshAll();
      if (found > 0) {
        LOG.info("event=feeds-refreshed new_episodes=" + found);
      }
    } catch (RuntimeException e) {
      // the next pass tries again; a failed pass must not cancel the schedule
      LOG.log(Level.WARNING, "feed refresh pass failed", e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
