package dev.cast2md.worker.node;

import dev.cast2md.worker.logging.EventLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams audio to disk: bounded in size, resumed with a Range request after a broken connection,
 * checked for length and for an obviously wrong content type (an HTML error page served with 200),
 * and abandoned when no byte arrives for a while.
 */
public final class AudioDownloader {
  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "download-watchdog");
            t.setDaemon(true);
            return t;
          });

  private final HttpClient http;
  private final long maxBytes;
  private final Duration headerTimeout;
  private final Duration stallTimeout;
  private final Backoff backoff;
  private final Backoff.Sleeper sleeper;

  public AudioDownloader(
      HttpClient http,
      long maxBytes,
      Duration headerTimeout,
      Duration stallTimeout,
      Backoff backoff,
      Backoff.Sleeper sleeper) {
    this.http = http;
    this.maxBytes = maxBytes;
    this.headerTimeout = headerTimeout;
    this.stallTimeout = stallTimeout;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  public void download(URI uri, Map<String, String> headers, Path target, long jobId)
      throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (attempt > 1) {
        sleeper.sleep(backoff.delayBefore(attempt));
        EventLog.job(jobId, "download retry %d after: %s", attempt, last.getMessage());
      }
      try {
        fetchOnce(uri, headers, target);
        return;
      } catch (DownloadException e) {
        if (e.permanent()) {
          throw e;
        }
        last = e;
      } catch (IOException e) {
        if (DiskFull.is(e)) {
          // Trying again fills the same disk: the caller fails the job for another worker.
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }

  private void fetchOnce(URI uri, Map<String, String> headers, Path target)
      throws IOException, InterruptedException {
    long have = Files.exists(target) ? Files.size(target) : 0;
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(headerTimeout).GET();
    headers.forEach(request::header);
    if (have > 0) {
      request.header("Range", "bytes=" + have + "-");
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      boolean append = status == 206 && have > 0;
      if (status == 416 && have > 0) {
        // The server has nothing past what we hold: the file is complete or stale; start over.
        Files.delete(target);
        throw new IOException("range not satisfiable, restarting the download");
      }
      if (status != 200 && !append) {
        throw new DownloadException(
            "Failed to download audio: HTTP " + status, status == 404 || status == 410);
      }
      checkContentType(response);
      long expected = expectedTotal(response, append ? have : 0);
      if (expected > maxBytes) {
        throw new DownloadException(
            "audio is " + expected + " bytes, over the limit of " + maxBytes, true);
      }
      long received = copy(body, target, append ? have : 0, append);
      if (expected >= 0 && received != expected) {
        throw new IOException("audio body ended at " + received + " of " + expected + " bytes");
      }
    }
  }

  private long copy(InputStream body, Path target, long start, boolean append)
      throws IOException, InterruptedException {
    AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    AtomicBoolean stalled = new AtomicBoolean();
    Thread reader = Thread.currentThread();
    ScheduledFuture<?> watch =
        WATCHDOG.scheduleWithFixedDelay(
            () -> {
              if (System.nanoTime() - lastProgress.get() > stallTimeout.toNanos()) {
                stalled.set(true);
                // The JDK client's body stream blocks on a queue that interruption releases.
                reader.interrupt();
              }
            },
            checkPeriod(),
            checkPeriod(),
            TimeUnit.MILLISECONDS);
    long total = start;
    try (OutputStream out =
        Files.newOutputStream(
            target,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = body.read(buffer)) >= 0) {
        total += n;
        if (total > maxBytes) {
          throw new DownloadException("audio exceeds the limit of " + maxBytes + " bytes", true);
        }
        out.write(buffer, 0, n);
        lastProgress.set(System.nanoTime());
      }
    } catch (IOException e) {
      if (stalled.get()) {
        Thread.interrupted();
        throw new IOException("no audio bytes for " + stallTimeout.toSeconds() + " s, giving up");
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("download interrupted");
      }
      throw e;
    } finally {
      watch.cancel(false);
      if (stalled.get()) {
        Thread.interrupted();
      }
    }
    return total;
  }

  private long checkPeriod() {
    return Math.max(50, Math.min(5000, stallTimeout.toMillis() / 4));
  }

  private static long expectedTotal(HttpResponse<?> response, long offset) {
    return response.headers().firstValueAsLong("Content-Length").stream()
        .map(length -> length + offset)
        .findFirst()
        .orElse(-1L);
  }

  /** Audio comes as audio/*, video/* or a generic binary type; text means an error page. */
  private static void checkContentType(HttpResponse<?> response) throws DownloadException {
    String type = response.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT);
    if (type.startsWith("text/") || type.contains("json") || type.contains("xml")) {
      throw new DownloadException("audio URL served " + type + " instead of audio", false);
    }
  }
}
