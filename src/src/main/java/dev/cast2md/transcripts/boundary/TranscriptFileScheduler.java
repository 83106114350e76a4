package dev.cast2md.transcripts.boundary;

import dev.cast2md.platform.boundary.ServerComponents;
import dev.cast2md.platform.control.Database;
import dev.cast2md.settings.control.Settings;
import dev.cast2md.transcripts.control.TranscriptFileSync;
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
 * Keeps {@code <data>/transcripts/} in step with the database on the managed scheduler: every few
 * seconds the transcripts stored since the last pass are written as Markdown files.
 */
@ApplicationScoped
public class TranscriptFileScheduler {
  private static final Logger LOG = Logger.getLogger(TranscriptFileScheduler.class.getName());
  private static final int BATCH = 200;
  private static final int MAX_BATCHES = 10;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject Database db;
  @Inject Settings settings;
  @Inject ServerComponents server;

  @Inject
  @ConfigProperty(name = "cast2md.transcripts.files-interval-seconds", defaultValue = "10")
  long intervalSeconds;

  private ScheduledFuture<?> task;
  private TranscriptFileSync sync;

  synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (task == null && intervalSeconds > 0) {
      sync = new TranscriptFileSync(db, settings, server.dataDirectory().resolve("transcripts"));
      task =
          scheduler.scheduleWithFixedDelay(
              this::pass, Math.max(30, intervalSeconds), intervalSeconds, TimeUnit.SECONDS);
    }
  }

  void pass() {
    try {
      // bounded, so one pass after a long outage cannot hold the thread for ever
      for (int i = 0; i < MAX_BATCHES && sync.pass(BATCH) == BATCH; i++) {
        // the next batch follows at once
      }
    } catch (RuntimeException e) {
      // the next pass tries again; a failed pass must not cancel the schedule
      LOG.log(Level.WARNING, "transcript file pass failed", e);
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
