package dev.cast2md.feeds.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioDownloaderTest {
  private static final byte[] MP3 = mp3(300_000);
  private HttpServer server;
  private final AtomicReference<String> lastRange = new AtomicReference<>();
  private AudioDownloader downloader;
  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ep.mp3", this::serveAudio);
    server.createContext("/page", ex -> send(ex, 200, "<html>gone</html>".getBytes()));
    server.createContext("/hop", ex -> redirect(ex, "/ep.mp3"));
    server.createContext("/loop", ex -> redirect(ex, "/loop"));
    server.createContext(
        "/chunked",
        ex -> {
          ex.sendResponseHeaders(200, 0); // no Content-Length: the limit is found while reading
          try (OutputStream out = ex.getResponseBody()) {
            out.write(MP3);
          } catch (IOException e) {
            // the client gave up on purpose
          }
        });
    server.createContext(
        "/stall",
        ex -> {
          ex.sendResponseHeaders(200, 1_000_000);
          OutputStream out = ex.getResponseBody();
          out.write(Arrays.copyOf(MP3, 1000));
          out.flush();
          sleep(5000);
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
    downloader = new AudioDownloader(Duration.ofSeconds(5), Duration.ofSeconds(1), 1024 * 1024, 3);
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void downloadsFollowingARedirect() throws Exception {
    Path target = dir.resolve("a/ep.mp3");
    AudioDownloader.Downloaded d = downloader.download(url("/hop"), target);
    assertEquals(MP3.length, d.bytes());
    assertArrayEquals(MP3, Files.readAllBytes(target));
    assertFalse(Files.exists(dir.resolve("a/.downloading_ep.mp3")));
  }

  @Test
  void resumesAPartialDownload() throws Exception {
    Path target = dir.resolve("ep.mp3");
    Files.write(dir.resolve(".downloading_ep.mp3"), Arrays.copyOf(MP3, 100_000));
    downloader.download(url("/ep.mp3"), target);
    assertEquals("bytes=100000-", lastRange.get());
    assertArrayEquals(MP3, Files.readAllBytes(target));
  }

  @Test
  void refusesWhatIsNotAudioTooLargeOrLooping() {
    Path target = dir.resolve("x.mp3");
    assertTrue(
        assertThrows(FeedFetchException.class, () -> downloader.download(url("/page"), target))
            .getMessage()
            .contains("does not appear to be audio"));
    assertFalse(Files.exists(dir.resolve(".downloading_x.mp3")));
    AudioDownloader small =
        new AudioDownloader(Duration.ofSeconds(5), Duration.ofSeconds(1), 100_000, 3);
    assertTrue(
        assertThrows(FeedFetchException.class, () -> small.download(url("/ep.mp3"), target))
            .getMessage()
            .contains("larger than"));
    Path noLength = dir.resolve("n.mp3");
    assertThrows(FeedFetchException.class, () -> small.download(url("/chunked"), noLength));
    assertFalse(Files.exists(dir.resolve(".downloading_n.mp3")), "an oversized part is not kept");
    assertTrue(
        assertThrows(FeedFetchException.class, () -> downloader.download(url("/loop"), target))
            .getMessage()
            .contains("redirects"));
    assertFalse(Files.exists(target));
  }

  @Test
  void aStalledConnectionIsGivenUp() {
    long start = System.nanoTime();
    assertThrows(
        FeedFetchException.class, () -> downloader.download(url("/stall"), dir.resolve("s.mp3")));
    assertTrue(System.nanoTime() - start < 4_000_000_000L, "idle timeout, not the server's pace");
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void serveAudio(HttpExchange ex) throws IOException {
    String range = ex.getRequestHeaders().getFirst("Range");
    lastRange.set(range);
    ex.getResponseHeaders().add("Content-Type", "audio/mpeg");
    if (range != null && range.startsWith("bytes=")) {
      int from = Integer.parseInt(range.substring(6, range.length() - 1));
      byte[] rest = Arrays.copyOfRange(MP3, from, MP3.length);
      ex.getResponseHeaders()
          .add("Content-Range", "bytes " + from + "-" + (MP3.length - 1) + "/" + MP3.length);
      send(ex, 206, rest);
      return;
    }
    send(ex, 200, MP3);
  }

  private static void redirect(HttpExchange ex, String to) throws IOException {
    ex.getResponseHeaders().add("Location", to);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    } catch (IOException e) {
      // the client gave up on purpose
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static byte[] mp3(int size) {
    byte[] b = new byte[size];
    new Random(7).nextBytes(b);
    byte[] id3 = "ID3".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(id3, 0, b, 0, 3);
    return b;
  }
}
