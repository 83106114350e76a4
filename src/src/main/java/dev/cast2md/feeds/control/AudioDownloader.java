package dev.cast2md.feeds.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fetches an enclosure to disk for the server to relay: streamed (never in memory) to a {@code
 * .downloading_} file next to the target, resumed with a Range request when a previous try left a
 * part, capped in size, redirects followed a bounded number of times, and the first bytes checked
 * to be audio (a host's HTML error page must not be transcribed). A stalled connection is closed
 * after the idle timeout.
 */
public class AudioDownloader {
  private final HttpClient client;
  private final Duration timeout;
  private final Duration idleTimeout;
  private final long maxBytes;
  private final int maxRedirects;
  private volatile boolean closed;

  public record Downloaded(Path path, long bytes, String contentType) {}

  /** The enclosure itself is unusable (too large, not audio, endless redirects): no retry helps. */
  public static final class Refused extends FeedFetchException {
    Refused(String message) {
      super(message);
    }
  }

  /** Told the bytes stored so far, every few seconds while a download runs (to renew a lease). */
  public interface Progress {
    void bytes(long total);
  }

  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

  public AudioDownloader(Duration timeout, Duration idleTimeout, long maxBytes, int maxRedirects) {
    this.timeout = timeout;
    this.idleTimeout = idleTimeout;
    this.maxBytes = maxBytes;
    this.maxRedirects = maxRedirects;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Ends a download in progress (its part stays for a resume) and refuses new ones: the server is
   * stopping.
   */
  public void close() {
    closed = true;
  }

  public boolean closed() {
    return closed;
  }

  public Downloaded download(String url, Path target) throws FeedFetchException {
    return download(url, target, total -> {});
  }

  public Downloaded download(String url, Path target, Progress progress) throws FeedFetchException {
    Path part = target.resolveSibling(".downloading_" + target.getFileName());
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      long have = Files.exists(part) ? Files.size(part) : 0;
      HttpResponse<InputStream> response = open(url, have);
      boolean resumed = response.statusCode() == 206 && have > 0;
      long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if ((resumed ? have : 0) + length > maxBytes) {
        response.body().close();
        throw new Refused("Audio larger than " + maxBytes / (1024 * 1024) + " MB");
      }
      long total = copy(response.body(), part, resumed, resumed ? have : 0, progress);
      if (!resumed && !AudioMagic.looksLikeAudio(part)) {
        Files.deleteIfExists(part);
        throw new Refused("Downloaded file does not appear to be audio");
      }
      Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return new Downloaded(
          target, total, response.headers().firstValue("Content-Type").orElse(null));
    } catch (TooLarge e) {
      deleteQuietly(part);
      throw new Refused("Audio larger than " + maxBytes / (1024 * 1024) + " MB");
    } catch (IOException e) {
      // the part stays for a resumed try unless it is known to be useless
      throw new FeedFetchException("Audio download failed: " + e.getMessage(), e);
    }
  }

  /** The body passed the size limit while streaming. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("too large");
    }
  }

  private static void deleteQuietly(Path part) {
    try {
      Files.deleteIfExists(part);
    } catch (IOException ignored) {
      // a leftover part is overwritten by the next fresh download
    }
  }

  private HttpResponse<InputStream> open(String url, long have)
      throws FeedFetchException, IOException {
    URI uri = FeedFetcher.httpUri(url, "audio");
    for (int hop = 0; hop <= maxRedirects; hop++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", FeedFetcher.USER_AGENT);
      if (have > 0) {
        request.header("Range", "bytes=" + have + "-");
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
      int status = response.statusCode();
      if (status >= 300 && status < 400) {
        response.body().close();
        String location =
            response
                .headers()
                .firstValue("Location")
                .orElseThrow(() -> new IOException("HTTP " + status + " without Location"));
        uri = FeedFetcher.httpUri(uri.resolve(location).toString(), "audio");
        continue;
      }
      if (status != 200 && status != 206) {
        response.body().close();
        throw new FeedFetchException("Audio download failed: HTTP " + status, status);
      }
      return response;
    }
    throw new Refused("Audio download failed: more than " + maxRedirects + " redirects");
  }

  private long copy(InputStream in, Path part, boolean append, long already, Progress progress)
      throws IOException {
    AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "audio-download-watchdog");
              t.setDaemon(true);
              return t;
            });
    ScheduledFuture<?> check =
        watchdog.scheduleWithFixedDelay(
            () -> {
              if (closed || System.nanoTime() - lastProgress.get() > idleTimeout.toNanos()) {
                try {
                  in.close(); // unblocks the read below, which then fails
                } catch (IOException ignored) {
                  // closing is all we can do
                }
              }
            },
            200,
            200,
            TimeUnit.MILLISECONDS);
    long total = already;
    try (in;
        OutputStream out =
            Files.newOutputStream(
                part,
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE,
                append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buffer = new byte[64 * 1024];
      long reported = System.nanoTime();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        total += n;
        if (total > maxBytes) {
          throw new TooLarge();
        }
        out.write(buffer, 0, n);
        long now = System.nanoTime();
        lastProgress.set(now);
        if (now - reported > PROGRESS_EVERY_NANOS) {
          reported = now;
          progress.bytes(total);
        }
      }
    } finally {
      check.cancel(false);
      watchdog.shutdownNow();
    }
    if (closed) {
      throw new IOException("the server is stopping");
    }
    if (System.nanoTime() - lastProgress.get() > idleTimeout.toNanos()) {
      throw new IOException("no data for " + idleTimeout.toSeconds() + " s");
    }
    return total;
  }
}
