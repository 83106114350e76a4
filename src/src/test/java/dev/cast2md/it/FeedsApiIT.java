package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Feeds through the running server beyond the happy path of {@link FeedsIT}: audio relayed by the
 * server (download jobs), episode retry and bulk actions, search with the paragraph's time, OPML
 * import and export, the iTunes directory (a local fake), and feed URLs that are no feed. Every URL
 * is served from this machine.
 */
class FeedsApiIT {
  static HttpServer publisher;
  static HttpServer directory;
  static String base;
  static final AtomicBoolean secondFeedBroken = new AtomicBoolean();
  static final byte[] MP3 = mp3();
  final Api api = new Api(LibertyServer.get().base());

  @BeforeAll
  static void serve() throws IOException {
    byte[] vtt =
        Files.readAllBytes(
            FeedsIT.FEEDS.resolve("transcript_podnews-weekly-review-2024-01-19.vtt"));
    publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    base = "http://127.0.0.1:" + publisher.getAddress().getPort();
    publisher.createContext("/relay.xml", ex -> send(ex, 200, "application/rss+xml", feed("r")));
    publisher.createContext(
        "/second.xml",
        ex -> {
          if (secondFeedBroken.get()) {
            send(ex, 200, "text/html", "<html><body>Moved on</body></html>".getBytes());
          } else {
            send(ex, 200, "application/rss+xml", feed("s"));
          }
        });
    publisher.createContext("/third.xml", ex -> send(ex, 200, "application/rss+xml", feed("t")));
    publisher.createContext("/t/", ex -> send(ex, 200, "text/vtt", vtt));
    publisher.createContext("/a/ok.mp3", ex -> send(ex, 200, "audio/mpeg", MP3));
    publisher.createContext("/a/gone.mp3", ex -> send(ex, 404, "text/plain", new byte[0]));
    publisher.createContext(
        "/page.html", ex -> send(ex, 200, "text/html", "<html>hello</html>".getBytes()));
    publisher.createContext("/loop", ex -> redirect(ex, "/loop"));
    publisher.createContext(
        "/huge.xml",
        ex -> {
          // 50 MB of feed, streamed: the server must stop reading long before the end
          ex.getResponseHeaders().add("Content-Type", "application/rss+xml");
          ex.sendResponseHeaders(200, 0);
          try (OutputStream out = ex.getResponseBody()) {
            out.write("<rss version=\"2.0\"><channel><title>big</title>".getBytes());
            byte[] pad = "<!-- padding -->".repeat(4096).getBytes();
            for (long sent = 0; sent < 50L * 1024 * 1024; sent += pad.length) {
              out.write(pad);
            }
          } catch (IOException e) {
            // the server hung up, as it should
          }
        });
    publisher.setExecutor(Executors.newFixedThreadPool(4));
    publisher.start();

    directory =
        HttpServer.create(new InetSocketAddress("127.0.0.1", LibertyServer.directoryPort()), 0);
    directory.createContext(
        "/",
        ex -> {
          String answer =
              "{\"resultCount\":1,\"results\":[{\"collectionId\":42,\"collectionName\":\"Third"
                  + " feed\",\"artistName\":\"Local\",\"feedUrl\":\""
                  + base
                  + "/third.xml\",\"artworkUrl600\":\""
                  + base
                  + "/a.jpg\",\"primaryGenreName\":\"Technology\"}]}";
          send(ex, 200, "text/javascript; charset=utf-8", answer.getBytes(StandardCharsets.UTF_8));
        });
    directory.start();
  }

  @AfterAll
  static void stop() {
    publisher.stop(0);
    directory.stop(0);
  }

  @Test
  void relayedAudioRetryBulkActionsAndSearch() {
    assertEquals(200, api.put("/api/settings/AUDIO_RELAY", Map.of("value", "1")).status());
    long feed;
    try {
      Api.Reply added = api.post("/api/feeds", Map.of("url", base + "/relay.xml"));
      assertEquals(201, added.status(), added.body());
      feed = added.number("id");
      assertFalse(added.body().contains("<script"), "feed HTML is not passed through");
      Map<?, ?> withTranscript =
          awaitEpisode(feed, "r-1", e -> "completed".equals(e.get("status")));
      Map<?, ?> relayed = awaitEpisode(feed, "r-2", e -> "audio_ready".equals(e.get("status")));
      Map<?, ?> gone = awaitEpisode(feed, "r-3", e -> "failed".equals(e.get("status")));

      // the server stored the enclosure and serves that file to the transcription
      long relayedId = id(relayed);
      String audioPath = (String) Episodes.episode(api, relayedId).get("audio_path");
      assertEquals("audio/feed-" + feed + "/" + relayedId + ".mp3", audioPath);
      assertEquals(MP3.length, LibertyServer.get().dataDir().resolve(audioPath).toFile().length());
      assertTrue(queued("transcribe").contains(relayedId), "transcription follows the download");

      long goneId = id(gone);
      assertTrue(
          String.valueOf(Episodes.episode(api, goneId).get("error_message")).contains("404"),
          Episodes.episode(api, goneId).toString());
      Api.Reply retried = api.postEmpty("/api/episodes/" + goneId + "/retry");
      assertEquals(200, retried.status(), retried.body());
      assertNotNull(retried.json().get("job_id"));
      Api.Reply notFailed = api.postEmpty("/api/episodes/" + id(withTranscript) + "/retry");
      assertEquals(409, notFailed.status(), notFailed.body());
      assertTrue(notFailed.string("detail").contains("Only failed"), notFailed.body());
      assertEquals(404, api.postEmpty("/api/episodes/99999999/retry").status());
    } finally {
      api.delete("/api/settings/AUDIO_RELAY");
    }

    // bulk actions over a selection, with a result for each episode
    long withTranscript = id(awaitEpisode(feed, "r-1", e -> true));
    long relayed = id(awaitEpisode(feed, "r-2", e -> true));
    Api.Reply bulk =
        api.post(
            "/api/episodes/actions",
            Map.of(
                "action",
                "transcript_check",
                "episode_ids",
                List.of(withTranscript, relayed, 99999999L)));
    assertEquals(200, bulk.status(), bulk.body());
    List<?> results = (List<?>) bulk.json().get("results");
    assertEquals(3, results.size());
    assertNotNull(((Map<?, ?>) results.get(0)).get("job_id"));
    assertEquals(
        "The feed names no transcript for it", ((Map<?, ?>) results.get(1)).get("problem"));
    assertEquals("Episode not found", ((Map<?, ?>) results.get(2)).get("problem"));
    Api.Reply again =
        api.post(
            "/api/episodes/actions",
            Map.of("action", "transcribe", "episode_ids", List.of(relayed)));
    assertEquals(
        Boolean.FALSE, ((Map<?, ?>) ((List<?>) again.json().get("results")).get(0)).get("created"));
    assertEquals(
        422,
        api.post("/api/episodes/actions", Map.of("action", "explode", "episode_ids", List.of(1)))
            .status());
    assertEquals(
        422,
        api.post("/api/episodes/actions", Map.of("action", "retry", "episode_ids", List.of()))
            .status());

    // search: every word, in any paragraph, with the time of the one that matched
    Api.Reply found = api.get("/api/search?q=Cridland%20podnews");
    assertEquals(200, found.status(), found.body());
    Map<?, ?> hit =
        ((List<?>) found.json().get("results"))
            .stream()
                .map(h -> (Map<?, ?>) h)
                .filter(h -> ((Number) h.get("episode_id")).longValue() == withTranscript)
                .findFirst()
                .orElseThrow(() -> new AssertionError(found.body()));
    assertNotNull(hit.get("start_seconds"));
    assertTrue(
        String.valueOf(hit.get("timestamp")).matches("\\d\\d:\\d\\d(:\\d\\d)?"), hit.toString());
    assertTrue(String.valueOf(hit.get("snippet")).contains("Cridland"), hit.toString());
    assertEquals(0, ((List<?>) api.get("/api/search?q=%26%7C!").json().get("results")).size());
    assertEquals(422, api.get("/api/search?q=").status());
  }

  @Test
  void opmlItunesAndFeedsThatAreNoFeeds() {
    // OPML: each URL gets its own outcome; a broken one does not stop the others
    String opml =
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>mine</title></head><body>"
            + "<outline type=\"rss\" text=\"Second\" xmlUrl=\""
            + base
            + "/second.xml\"/><outline type=\"rss\" text=\"Broken\" xmlUrl=\""
            + base
            + "/page.html\"/></body></opml>";
    Api.Reply imported =
        api.postBytes("/api/feeds/opml", "text/x-opml", opml.getBytes(StandardCharsets.UTF_8));
    assertEquals(200, imported.status(), imported.body());
    List<?> outcomes = (List<?>) imported.json().get("results");
    assertEquals(2, outcomes.size(), imported.body());
    Map<?, ?> second = (Map<?, ?>) outcomes.get(0);
    assertNotNull(second.get("feed_id"), imported.body());
    assertNull(((Map<?, ?>) outcomes.get(1)).get("feed_id"), imported.body());
    long secondId = ((Number) second.get("feed_id")).longValue();
    Api.Reply exported = api.get("/api/feeds/opml");
    assertEquals(200, exported.status());
    assertTrue(exported.body().contains(base + "/second.xml"), exported.body());
    assertFalse(exported.body().contains("page.html"), exported.body());

    // the iTunes directory (a local fake), then subscribing to what it found
    Api.Reply searched = api.get("/api/itunes/search?q=third");
    assertEquals(200, searched.status(), searched.body());
    Map<?, ?> entry = (Map<?, ?>) ((List<?>) searched.json().get("results")).get(0);
    assertEquals(base + "/third.xml", entry.get("feed_url"));
    assertEquals(201, api.post("/api/feeds", Map.of("url", entry.get("feed_url"))).status());
    // an Apple Podcasts page resolves through the directory to the same feed
    Api.Reply apple =
        api.post("/api/feeds", Map.of("url", "https://podcasts.apple.com/us/podcast/third/id42"));
    assertEquals(409, apple.status(), apple.body());

    // no feed: each is refused with a reason, and nothing is stored
    int before = feeds().size();
    for (String[] bad :
        new String[][] {
          {"/page.html", "Invalid RSS feed"},
          {"/missing.xml", "404"},
          {"/huge.xml", "larger"},
          {"/loop", "redirects"}
        }) {
      Api.Reply r = api.post("/api/feeds", Map.of("url", base + bad[0]));
      assertEquals(400, r.status(), bad[0] + " " + r.body());
      assertTrue(r.string("detail").contains(bad[1]), bad[0] + " " + r.body());
    }
    assertEquals(before, feeds().size(), "nothing stored");

    // a subscribed feed that stops being one: the error shows on the feed, nothing else changes
    long episodesBefore = episodeTotal(secondId);
    secondFeedBroken.set(true);
    Api.Reply refreshed = api.postEmpty("/api/feeds/" + secondId + "/refresh");
    assertEquals(502, refreshed.status(), refreshed.body());
    Api.Reply shown = api.get("/api/feeds/" + secondId);
    assertNotNull(shown.json().get("last_error"), shown.body());
    assertEquals(episodesBefore, episodeTotal(secondId));
    secondFeedBroken.set(false);
  }

  private List<?> feeds() {
    return (List<?>) api.get("/api/feeds").json().get("feeds");
  }

  private long episodeTotal(long feed) {
    return api.get("/api/feeds/" + feed + "/episodes?limit=1").number("total");
  }

  private List<Long> queued(String type) {
    Api.Reply r = api.get("/api/queue?status=queued&type=" + type + "&limit=500");
    return ((List<?>) r.json().get("jobs"))
        .stream().map(j -> ((Number) ((Map<?, ?>) j).get("episode_id")).longValue()).toList();
  }

  private Map<?, ?> awaitEpisode(long feed, String guid, Predicate<Map<?, ?>> test) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
    Map<?, ?> last = null;
    while (Instant.now().isBefore(deadline)) {
      Api.Reply r = api.get("/api/feeds/" + feed + "/episodes?limit=100");
      for (Object o : (List<?>) r.json().get("episodes")) {
        Map<?, ?> e = (Map<?, ?>) o;
        if (guid.equals(e.get("guid"))) {
          last = e;
          if (test.test(e)) {
            return e;
          }
        }
      }
      LibertyServer.sleep(500);
    }
    throw new AssertionError("episode " + guid + " never got there: " + last);
  }

  private static long id(Map<?, ?> episode) {
    return ((Number) episode.get("id")).longValue();
  }

  /**
   * Three recent items: one with a publisher transcript, one with audio, one whose audio is gone.
   */
  private static byte[] feed(String prefix) {
    DateTimeFormatter rfc = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    String date = rfc.format(Instant.now().minus(Duration.ofHours(2)));
    String xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<rss version=\"2.0\" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">"
            + "<channel><title>Feed "
            + prefix
            + "</title><link>"
            + base
            + "</link><description>&lt;script&gt;alert(1)&lt;/script&gt;Local"
            + " test feed</description>"
            + item(
                prefix + "-1",
                date,
                "/a/ok.mp3?e=1",
                "<podcast:transcript url=\"" + base + "/t/" + prefix + ".vtt\" type=\"text/vtt\"/>")
            + item(prefix + "-2", date, "/a/ok.mp3", "")
            + item(prefix + "-3", date, "/a/gone.mp3", "")
            + "</channel></rss>";
    return xml.getBytes(StandardCharsets.UTF_8);
  }

  private static String item(String guid, String date, String audio, String extra) {
    return "<item><title>Episode "
        + guid
        + "</title><guid>"
        + guid
        + "</guid><pubDate>"
        + date
        + "</pubDate><enclosure url=\""
        + base
        + audio
        + "\" type=\"audio/mpeg\" length=\"1234\"/>"
        + extra
        + "</item>";
  }

  private static byte[] mp3() {
    byte[] b = new byte[40_000];
    new java.util.Random(3).nextBytes(b);
    System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 3);
    return b;
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  private static void redirect(HttpExchange ex, String to) throws IOException {
    ex.getResponseHeaders().add("Location", to);
    ex.sendResponseHeaders(302, -1);
    ex.close();
  }
}
