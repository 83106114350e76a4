package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.control.AudioDownloads;
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
 * Works off download jobs on the server's managed scheduler while the server relays audio ({@code
 * AUDIO_RELAY=1}), one download at a time; with relaying off it only hands queued download jobs
 * over to the workers. The thread is named while it downloads, and stopping the application ends
 * the loop between downloads (an interrupted download resumes from its partial file).
 */
@ApplicationScoped
public class AudioDownloadScheduler {
  private static final Logger LOG = Logger.getLogger(AudioDownloadScheduler.class.getName());
  private static final int MAX_PER_PASS = 50;

  @Resource ManagedScheduledExecutorService scheduler;
  @Inject AudioDownloads downloads;

  @Inject
  @ConfigProperty(name = "cast2md.audio.download-interval-seconds", defaultValue = "10")
  long intervalSeconds;

  private ScheduledFuture<?> task;
  private volatile boolean stopping;

  synchronized void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    if (task == null) {
      task =
          scheduler.scheduleWithFixedDelay(
              this::firstThenPass,
              Math.max(20, intervalSeconds),
              intervalSeconds,
              TimeUnit.SECONDS);
    }
  }

  private boolean released;

  private void firstThenPass() {
    if (!released) {
      released = true;
      try {
        int n = downloads.releaseOwn();
        if (n > 0) {
          LOG.info("event=audio-downloads-resumed jobs=" + n);
        }
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "could not release the downloads of the last run", e);
      }
    }
    pass();
  }

  /** One pass; public so that operators and tests can trigger it. */
  public int pass() {
    Thread thread = Thread.currentThread();
    String name = thread.getName();
    thread.setName("cast2md-audio-download");
    int done = 0;
    try {
      if (!downloads.relaying()) {
        return downloads.handBack();
      }
      while (!stopping && done < MAX_PER_PASS && downloads.runOne()) {
        done++;
      }
    } catch (RuntimeException e) {
      // the next pass tries again; a failed pass must not cancel the schedule
      LOG.log(Level.WARNING, "audio download pass failed", e);
    } finally {
      thread.setName(name);
    }
    return done;
  }

  @PreDestroy
  synchronized void stop() {
    stopping = true;
    downloads.stop(); // not an interrupt: a JDBC call on an interrupted thread may fail
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }
}
