package dev.cast2md.worker.node;

import dev.cast2md.protocol.NodeApi;
import dev.cast2md.protocol.SetupProgressRequest;
import dev.cast2md.worker.logging.EventLog;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells the server where a pod's setup stands ({@code setup-progress} with the setup token), in
 * order, from a thread of its own so that a slow or failing server delays no step of the start-up.
 * A report is tried a bounded number of times with backoff and given up early once a newer one is
 * waiting (the server keeps only the latest phase); a refusal (4xx) is not tried again. Failures
 * are logged, never thrown: the server's setup timeout is the backstop, not a stopped worker. The
 * token is never logged.
 */
public final class PodSetupReporter implements AutoCloseable {
  /** Longest text sent as {@code error}: a stack of causes can be long, the admin page is not. */
  static final int MAX_ERROR_CHARS = 2000;

  private final NodeApi api;
  private final PodIdentity pod;
  private final Backoff backoff;
  private final Backoff.Sleeper sleeper;
  private final ExecutorService sender;
  private final AtomicInteger waiting = new AtomicInteger();

  private PodSetupReporter(NodeApi api, PodIdentity pod, Backoff backoff, Backoff.Sleeper sleeper) {
    this.api = api;
    this.pod = pod;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.sender =
        pod == null
            ? null
            : Executors.newSingleThreadExecutor(
                r -> {
                  Thread t = new Thread(r, "setup-progress");
                  t.setDaemon(true);
                  return t;
                });
  }

  public static PodSetupReporter forPod(
      NodeApi api, PodIdentity pod, Backoff backoff, Backoff.Sleeper sleeper) {
    return new PodSetupReporter(api, pod, backoff, sleeper);
  }

  /** Not a pod: every report is dropped. */
  public static PodSetupReporter disabled() {
    return new PodSetupReporter(null, null, null, null);
  }

  public boolean enabled() {
    return pod != null;
  }

  public void installing(String message) {
    send(SetupProgressRequest.INSTALLING, message, null);
  }

  public void ready(String message) {
    send(SetupProgressRequest.READY, message, null);
  }

  public void failed(String message, String error) {
    String shortError =
        error != null && error.length() > MAX_ERROR_CHARS
            ? error.substring(0, MAX_ERROR_CHARS)
            : error;
    send(SetupProgressRequest.FAILED, message, shortError);
  }

  /**
   * Waits until every report made so far was delivered or given up, at most {@code timeout}: before
   * the process exits after a failure, whose report would otherwise be lost. False on time-out.
   */
  public boolean awaitSent(Duration timeout) {
    if (sender == null) {
      return true;
    }
    Future<?> marker;
    try {
      marker = sender.submit(() -> {});
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return true;
    }
    try {
      marker.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void send(String phase, String message, String error) {
    if (sender == null) {
      return;
    }
    SetupProgressRequest report = new SetupProgressRequest(phase, message, error, pod.hostIp());
    EventLog.info("setup: %s %s", phase, message);
    waiting.incrementAndGet();
    try {
      sender.submit(
          () -> {
            waiting.decrementAndGet();
            deliver(report);
          });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      waiting.decrementAndGet();
    }
  }

  private void deliver(SetupProgressRequest report) {
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      try {
        api.setupProgress(pod.instanceId(), pod.setupToken(), report);
        return;
      } catch (NodeHttpException e) {
        if (e.isClientError()) {
          EventLog.warn("setup report '%s' refused: %s", report.phase(), e.getMessage());
          return;
        }
        EventLog.warn(
            "setup report '%s' failed (attempt %d of %d): %s",
            report.phase(), attempt, backoff.attempts(), e.getMessage());
      } catch (IOException e) {
        EventLog.warn(
            "setup report '%s' failed (attempt %d of %d): %s",
            report.phase(), attempt, backoff.attempts(), ResultDelivery.describe(e));
      }
      if (waiting.get() > 0) {
        EventLog.info("setup report '%s' superseded by a newer one", report.phase());
        return;
      }
      if (attempt < backoff.attempts()) {
        try {
          sleeper.sleep(backoff.delayBefore(attempt + 1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
    EventLog.warn(
        "setup report '%s' given up after %d attempts; the worker carries on",
        report.phase(), backoff.attempts());
  }

  /** Drops what was not sent yet; call {@link #awaitSent} first where a report matters. */
  @Override
  public void close() {
    if (sender != null) {
      sender.shutdownNow();
    }
  }
}
