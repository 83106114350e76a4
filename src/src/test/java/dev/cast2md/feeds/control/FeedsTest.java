package dev.cast2md.feeds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cast2md.feeds.entity.Feed;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import dev.cast2md.testing.TestFeeds;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Feeds served by a local HTTP server into an H2 database: add, refresh, errors. */
class FeedsTest {
  private static final Map<String, Integer> AUDIO_EPISODES =
      Map.of(
          "itunes-typical_podcast-help-desk.rss", 6,
          "podcast-transcript-srt_podcasting20.xml", 56,
          "atom-enclosures_ent-expert-opinion.atom", 41,
          "quirks_taverncast.rss", 131);

  private SimplePool pool;
  private Database db;
  private HttpServer server;
  private Feeds feeds;
  private final Map<String, AtomicInteger> notModified = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

  @BeforeEach
  void start() throws IOException {
    pool = newPool();
    db = new Database(pool);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/feeds/", this::serveFeed);
    server.createContext("/loop", ex -> redirect(ex, "/loop"));
    server.createContext(
        "/moved", ex -> redirect(ex, "/feeds/itunes-typical_podcast-help-desk.rss"));
    server.createContext("/missing", ex -> send(ex, 404, "text/plain", "no".getBytes()));
    server.createContext(
        "/html", ex -> send(ex, 200, "text/html", "<html><body>hi</body></html>".getBytes()));
    server.createContext(
        "/huge", ex -> send(ex, 200, "application/rss+xml", new byte[3 * 1024 * 1024]));
    server.start();
    feeds =
        new Feeds(
            db, new FeedFetcher(Duration.ofSeconds(10), 2 * 1024 * 1024, 5), Clock.systemUTC());
  }

  /** H2 here; {@link FeedsPostgresTest} runs the same against PostgreSQL. */
  SimplePool newPool() {
    return TestDatabases.h2(4);
  }

  @AfterEach
  void stop() {
    server.stop(0);
    pool.close();
  }

  @Test
  void everyTestFeedIsAddedOnceAndRefreshesWithoutDuplicates() throws Exception {
    for (var e : AUDIO_EPISODES.entrySet()) {
      Feeds.Added added = feeds.add(url("/feeds/" + e.getKey()));
      assertEquals(e.getValue(), added.newEpisodes(), e.getKey());
      long id = added.feed().id();
      for (int i = 0; i < 2; i++) {
        forgetValidators(); // a full fetch and parse each time, not a 304
        Feeds.Refreshed r = feeds.refresh(id).orElseThrow();
        assertNull(r.error(), e.getKey());
        assertFalse(r.notModified(), e.getKey());
        assertEquals(0, r.newEpisodes(), e.getKey());
      }
      assertEquals(
          (long) e.getValue(), (long) db.inTransaction(c -> FeedEpisodes.count(c, id)), e.getKey());
    }
    assertEquals(4, feeds.list().size());
    long pc20 =
        feeds.list().stream()
            .filter(f -> f.title().equals("Podcasting 2.0"))
            .findFirst()
            .orElseThrow()
            .id();
    Feeds.Page page = feeds.episodes(pc20, 10, 0);
    assertEquals(56, page.total());
    assertEquals(10, page.episodes().size());
    assertEquals(
        Instant.parse("2021-10-08T18:55:32Z"),
        page.episodes().get(0).publishedAt(),
        "newest first");
    assertEquals(6, feeds.episodes(pc20, 10, 50).episodes().size());
    long withTranscriptUrl =
        db.inTransaction(
            c ->
                Sql.count(
                    c, "SELECT COUNT(*) FROM episode WHERE transcript_type = 'application/srt'"));
    assertEquals(47, withTranscriptUrl);
    Map<Long, Map<String, Long>> counts = feeds.statusCounts();
    assertEquals(6L + 56 + 41 + 131, counts.values().stream().mapToLong(m -> m.get("new")).sum());
  }

  @Test
  void conditionalGetUsesTheValidators() throws Exception {
    String name = "itunes-typical_podcast-help-desk.rss";
    long id = feeds.add(url("/feeds/" + name)).feed().id();
    Feed feed = feeds.find(id).orElseThrow();
    assertEquals("\"v1\"", feed.etag());
    assertNotNull(feed.lastModified());
    Feeds.Refreshed r = feeds.refresh(id).orElseThrow();
    assertTrue(r.notModified());
    assertEquals(1, notModified.get(name).get());
    assertNotNull(feeds.find(id).orElseThrow().lastPolled());
  }

  @Test
  void aNewItemAppearsOnRefresh() throws Exception {
    String name = "itunes-typical_podcast-help-desk.rss";
    long id = feeds.add(url("/feeds/" + name)).feed().id();
    db.inTransaction(
        c -> {
          // as if the newest item had not been published at the last poll
          Sql.update(c, "DELETE FROM episode WHERE id = (SELECT MAX(id) FROM episode)");
          Sql.update(c, "UPDATE feed SET etag = NULL, last_modified = NULL");
          return null;
        });
    assertEquals(1, feeds.refresh(id).orElseThrow().newEpisodes());
    assertEquals(0, feeds.refresh(id).orElseThrow().newEpisodes());
    assertEquals(0, feeds.refreshAll());
  }

  @Test
  void concurrentRefreshesNeverDuplicate() throws Exception {
    long id = feeds.add(url("/feeds/podcast-transcript-srt_podcasting20.xml")).feed().id();
    db.inTransaction(c -> Sql.update(c, "DELETE FROM episode WHERE feed_id = ?", id));
    forgetValidators();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Feeds.Refreshed>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(() -> feeds.refresh(id).orElseThrow()));
      }
      int found = 0;
      for (Future<Feeds.Refreshed> r : results) {
        assertNull(r.get().error());
        found += r.get().newEpisodes();
      }
      assertEquals(56, found, "each episode found by exactly one refresh");
    } finally {
      pool.shutdownNow();
    }
    assertEquals(56L, (long) db.inTransaction(c -> FeedEpisodes.count(c, id)));
  }

  @Test
  void redirectsAreFollowedButLoopsEnd() throws Exception {
    assertEquals(6, feeds.add(url("/moved")).newEpisodes());
    FeedFetchException loop = assertThrows(FeedFetchException.class, () -> feeds.add(url("/loop")));
    assertTrue(loop.getMessage().contains("redirects"), loop.getMessage());
  }

  @Test
  void badUrlsGiveClearErrorsAndStoreNothing() {
    assertTrue(
        assertThrows(FeedFetchException.class, () -> feeds.add(url("/missing")))
            .getMessage()
            .contains("HTTP 404"));
    assertTrue(
        assertThrows(FeedParseException.class, () -> feeds.add(url("/html")))
            .getMessage()
            .startsWith("Invalid RSS feed"));
    assertTrue(
        assertThrows(FeedFetchException.class, () -> feeds.add(url("/huge")))
            .getMessage()
            .contains("larger than 2 MB"));
    assertThrows(FeedFetchException.class, () -> feeds.add("file:///etc/passwd"));
    assertThrows(FeedFetchException.class, () -> feeds.add(url("/x?" + "a".repeat(2100))));
    assertTrue(feeds.list().isEmpty());
  }

  @Test
  void aFailedRefreshOnlyRecordsTheError() throws Exception {
    long id = feeds.add(url("/feeds/quirks_taverncast.rss")).feed().id();
    Feed before = feeds.find(id).orElseThrow();
    db.inTransaction(
        c -> Sql.update(c, "UPDATE feed SET url = ? WHERE id = ?", url("/missing"), id));
    Feeds.Refreshed r = feeds.refresh(id).orElseThrow();
    assertEquals("Failed to fetch feed: HTTP 404", r.error());
    Feed after = feeds.find(id).orElseThrow();
    assertEquals("Failed to fetch feed: HTTP 404", after.lastError());
    assertEquals(before.title(), after.title());
    assertEquals(131L, (long) db.inTransaction(c -> FeedEpisodes.count(c, id)));
  }

  @Test
  void duplicatesAndDeletion() throws Exception {
    String u = url("/feeds/atom-enclosures_ent-expert-opinion.atom");
    long id = feeds.add(u).feed().id();
    assertEquals(id, assertThrows(Feeds.FeedExistsException.class, () -> feeds.add(u)).feedId());
    assertEquals("Mine", feeds.rename(id, "  Mine ").orElseThrow().displayTitle());
    assertEquals("ENT expert opinion", feeds.rename(id, " ").orElseThrow().displayTitle());
    assertTrue(feeds.rename(id + 1000, "x").isEmpty());
    assertTrue(feeds.delete(id));
    assertFalse(feeds.delete(id));
    assertEquals(0L, (long) db.inTransaction(c -> FeedEpisodes.count(c, id)));
    assertTrue(feeds.refresh(id).isEmpty());
  }

  @Test
  void opmlImportReportsEachUrlAndExportListsFeeds() throws Exception {
    String opml =
        "<opml version=\"2.0\"><body>"
            + "<outline text=\"a\" xmlUrl=\""
            + url("/feeds/itunes-typical_podcast-help-desk.rss")
            + "\"/>"
            + "<outline text=\"b\" xmlUrl=\""
            + url("/missing")
            + "\"/></body></opml>";
    List<Feeds.Imported> report = feeds.importOpml(opml.getBytes(StandardCharsets.UTF_8));
    assertEquals("added", report.get(0).outcome());
    assertEquals("Failed to fetch feed: HTTP 404", report.get(1).outcome());
    assertEquals(
        "exists", feeds.importOpml(opml.getBytes(StandardCharsets.UTF_8)).get(0).outcome());
    assertEquals(1, Opml.read(feeds.exportOpml().getBytes(StandardCharsets.UTF_8)).size());
  }

  private void forgetValidators() {
    db.inTransaction(c -> Sql.update(c, "UPDATE feed SET etag = NULL, last_modified = NULL"));
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private void serveFeed(HttpExchange ex) throws IOException {
    String name = ex.getRequestURI().getPath().substring("/feeds/".length());
    hits.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
    ex.getResponseHeaders().add("ETag", "\"v1\"");
    ex.getResponseHeaders().add("Last-Modified", "Mon, 01 Jan 2024 00:00:00 GMT");
    if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
      notModified.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
      ex.sendResponseHeaders(304, -1);
      ex.close();
      return;
    }
    send(ex, 200, "application/rss+xml", TestFeeds.bytes(name));
  }

  private static void redirect(HttpExchange ex, String to) throws IOException {
    ex.getResponseHeaders().add("Location", to);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    } catch (IOException e) {
      // the client hung up on purpose (size limit)
    }
    ex.close();
  }
}
