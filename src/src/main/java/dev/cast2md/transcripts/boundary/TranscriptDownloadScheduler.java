package dev.cast2md.transcripts.boundary;

import dev.cast2md.transcripts.control.TranscriptDownloads;
import dev.cast2md.transcripts.control.TranscriptRetries;
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
 * Works off queued transcript-download jobs on the server's managed scheduler: a pass every few
 * seconds queues the episodes whose transcript retry is due, then takes jobs until none is due
 * (bounded, so one pass cannot run for ever). The first pass waits a little so that start-up
 * (migrations) is done.
 */
@ApplicationScoped
public class TranscriptDownloadScheduler {
  private static final Logger LOG = Logger.getLogger(TranscriptDownloadScheduler.class.getName());
  private static final int MAX_PER_PASS = 100;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject TranscriptDownloads downloads;
  @Inject TranscriptRetries retries;

  @Inject
  @ConfigProperty(name = "cast2md.transcripts.download-interval-seconds", defaultValue = "10")
  long intervalSeconds;

  private ScheduledFuture<?> task;

  synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (task == null) {
      task =
          scheduler.scheduleWithFixedDelay(
              this::pass, Math.max(30, intervalSeconds), intervalSeconds, TimeUnit.SECONDS);
    }
  }

  /** One pass; public so that operators and tests can trigger it. */
  public int pass() {
    int done = 0;
    try {
      retries.queueDue();
      while (done < MAX_PER_PASS && downloads.runOne()) {
        done++;
      }
    } catch (RuntimeException e) {
      // the next pass tries again; a failed pass must not cancel the schedule
      LOG.log(Level.WARNING, "transcript download pass failed", e);
    }
    return done;
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
