package dev.cast2md.feeds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cast2md.feeds.entity.DirectoryEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The iTunes directory against a local fake of its Search API. */
class ItunesDirectoryTest {
  private HttpServer server;
  private ItunesDirectory directory;
  private final AtomicReference<String> lastQuery = new AtomicReference<>();
  private volatile String answer;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          lastQuery.set(ex.getRequestURI().getPath() + "?" + ex.getRequestURI().getRawQuery());
          byte[] body = answer.getBytes(StandardCharsets.UTF_8);
          ex.getResponseHeaders().add("Content-Type", "text/javascript; charset=utf-8");
          ex.sendResponseHeaders(200, body.length);
          try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    directory =
        new ItunesDirectory(
            "http://127.0.0.1:" + server.getAddress().getPort() + "/",
            new FeedFetcher(Duration.ofSeconds(5), 1024 * 1024, 3, "directory"));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void searchByName() throws Exception {
    answer =
        "{\"resultCount\":2,\"results\":["
            + "{\"collectionId\":1584274529,\"collectionName\":\"Podcasting 2.0 <b>\",\"artistName\":\"Adam &amp; Dave\","
            + "\"feedUrl\":\"https://feeds.podcastindex.org/pc20.xml\",\"artworkUrl600\":\"https://x/a.jpg\","
            + "\"primaryGenreName\":\"Technology\"},"
            + "{\"collectionId\":2,\"collectionName\":\"No feed\"}]}";
    List<DirectoryEntry> found = directory.search("podcasting 2.0 & more", 10);
    assertEquals(1, found.size(), "entries without a feed cannot be subscribed to");
    assertEquals("Podcasting 2.0", found.get(0).title(), "markup removed");
    assertEquals("Adam & Dave", found.get(0).author());
    assertEquals(1584274529L, found.get(0).itunesId());
    assertTrue(lastQuery.get().startsWith("/search?media=podcast&entity=podcast&limit=10&term="));
    assertTrue(lastQuery.get().endsWith("term=podcasting+2.0+%26+more"), lastQuery.get());
  }

  @Test
  void applePodcastsUrlsResolveToTheirFeed() throws Exception {
    answer =
        "{\"resultCount\":1,\"results\":[{\"collectionId\":1584274529,\"feedUrl\":\"https://f/x.xml\"}]}";
    String apple = "https://podcasts.apple.com/us/podcast/podcasting-2-0/id1584274529?i=1";
    assertEquals(Optional.of(1584274529L), ItunesDirectory.applePodcastsId(apple));
    assertEquals(Optional.of("https://f/x.xml"), directory.feedUrlOf(apple));
    assertEquals("/lookup?entity=podcast&id=1584274529", lastQuery.get());
    assertTrue(ItunesDirectory.applePodcastsId("https://example.com/id123").isEmpty());
  }

  @Test
  void garbageIsAClearError() {
    answer = "<html>maintenance</html>";
    assertThrows(FeedFetchException.class, () -> directory.search("x", 5));
  }
}
