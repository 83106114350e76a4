package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real feed through the running server, transcript first: the Podcasting 2.0 test feed, served
 * from this machine with every URL in it pointed here, so that its SRT transcripts are found.
 */
class FeedsIT {
  static final Path FEEDS =
      Path.of(System.getProperty("shared.dir", "../../shared"), "testdata", "feeds");
  static HttpServer publisher;
  static String base;
  final Api api = new Api(LibertyServer.get().base());

  @BeforeAll
  static void servePublisher() throws IOException {
    publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    base = "http://127.0.0.1:" + publisher.getAddress().getPort();
    String feed =
        Files.readString(FEEDS.resolve("podcast-transcript-srt_podcasting20.xml"))
            .replaceAll("url=\"https?://[^/\"]+/", "url=\"" + base + "/");
    byte[] srt = Files.readAllBytes(FEEDS.resolve("transcript_podcasting20-ep124.srt"));
    publisher.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          byte[] body;
          int status = 200;
          if (path.equals("/feed.xml")) {
            body = feed.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml");
          } else if (path.endsWith(".srt")) {
            body = srt;
            exchange.getResponseHeaders().add("Content-Type", "application/srt");
          } else {
            status = 404;
            body = new byte[0];
          }
          exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    publisher.start();
  }

  @AfterAll
  static void stopPublisher() {
    publisher.stop(0);
  }

  @Test
  void aFeedIsImportedTranscriptFirstAndARefreshDuplicatesNothing() {
    Api.Reply added = api.post("/api/feeds", Map.of("url", base + "/feed.xml"));
    assertEquals(201, added.status(), added.body());
    long feed = added.number("id");
    assertEquals(56, episodes(feed).size(), "every item of the feed");

    Api.Reply refreshed = api.postEmpty("/api/feeds/" + feed + "/refresh");
    assertEquals(200, refreshed.status(), refreshed.body());
    assertEquals(56, episodes(feed).size(), "a refresh adds nothing twice");
    assertEquals(409, api.post("/api/feeds", Map.of("url", base + "/feed.xml")).status());

    // the 47 items with a <podcast:transcript> get the publisher's text, not a transcription
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    long completed = 0;
    while (Instant.now().isBefore(deadline)) {
      completed =
          episodes(feed).stream()
              .filter(e -> "completed".equals(((Map<?, ?>) e).get("status")))
              .count();
      if (completed >= 47) {
        break;
      }
      LibertyServer.sleep(1000);
    }
    assertEquals(47, completed, "episodes completed from publisher transcripts");
    Map<?, ?> done =
        (Map<?, ?>)
            episodes(feed).stream()
                .filter(e -> "completed".equals(((Map<?, ?>) e).get("status")))
                .findFirst()
                .orElseThrow();
    long episode = ((Number) done.get("id")).longValue();
    assertEquals("podcast2.0:srt", Episodes.episode(api, episode).get("transcript_source"));
    Api.Reply markdown = api.get("/api/episodes/" + episode + "/transcript");
    assertEquals(200, markdown.status());
    assertTrue(markdown.body().contains("**[00:00]**"), markdown.body());
    Api.Reply vtt = api.get("/api/episodes/" + episode + "/transcript/vtt");
    assertEquals(200, vtt.status());
    assertTrue(vtt.body().startsWith("WEBVTT"), vtt.body());
    Api.Reply srt = api.get("/api/episodes/" + episode + "/transcript?format=srt");
    assertEquals(200, srt.status());
    assertTrue(srt.body().contains(" --> ") && !srt.body().startsWith("WEBVTT"), srt.body());
    assertEquals(422, api.get("/api/episodes/" + episode + "/transcript?format=docx").status());

    Api.Reply listed = api.get("/api/episodes?feed_id=" + feed + "&status=completed&limit=500");
    assertEquals(200, listed.status(), listed.body());
    assertEquals(47, listed.number("total"));
    Api.Reply none =
        api.get("/api/episodes?feed_id=" + feed + "&published_from=2100-01-01&limit=10");
    assertEquals(0, none.number("total"));
    assertEquals(422, api.get("/api/episodes?status=exploded").status());
    assertEquals(422, api.get("/api/episodes?published_from=yesterday").status());

    // the rest wait for transcription; nothing else was queued for the transcribed ones
    Set<Long> ids =
        episodes(feed).stream()
            .map(e -> ((Number) ((Map<?, ?>) e).get("id")).longValue())
            .collect(Collectors.toSet());
    Api.Reply queued = api.get("/api/queue?status=queued&type=transcribe&limit=500");
    long forThisFeed =
        ((List<?>) queued.json().get("jobs"))
            .stream()
                .map(j -> ((Number) ((Map<?, ?>) j).get("episode_id")).longValue())
                .filter(ids::contains)
                .count();
    assertEquals(9, forThisFeed, "only the items without a publisher transcript are transcribed");
    assertEquals(400, api.post("/api/feeds", Map.of("url", base + "/missing.xml")).status());
    assertEquals(200, api.delete("/api/feeds/" + feed).status());
  }

  private List<?> episodes(long feed) {
    Api.Reply r = api.get("/api/feeds/" + feed + "/episodes?limit=500");
    assertEquals(200, r.status(), r.body());
    return (List<?>) r.json().get("episodes");
  }
}
