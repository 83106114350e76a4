package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cast2md.feeds.control.AutoQueue;
import dev.cast2md.feeds.control.FeedFetcher;
import dev.cast2md.feeds.control.Feeds;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import dev.cast2md.testing.TestFeeds;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** From a feed to stored publisher transcripts and queued transcriptions, through the job queue. */
class TranscriptFirstTest {
  private SimplePool pool;
  private Database db;
  private HttpServer server;
  private JobQueue queue;

  @BeforeEach
  void start() throws IOException {
    pool = TestDatabases.h2(4);
    db = new Database(pool);
    queue = new JobQueue(db, Clock.systemUTC(), QueuePolicy.defaults());
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::serve);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    pool.close();
  }

  @Test
  void realFeedQueuesTranscriptDownloadsFirst() throws Exception {
    Feeds feeds = feeds(false);
    long id = feeds.add(base() + "/feed/podcast-transcript-srt_podcasting20.xml").feed().id();
    assertEquals(47, jobs("transcript_download"));
    assertEquals(9, jobs("transcribe"));
    feeds.refresh(id);
    assertEquals(56, jobs("transcript_download") + jobs("transcribe"), "no new jobs on refresh");
  }

  @Test
  void alwaysTranscribeQueuesEveryEpisodeForTranscription() throws Exception {
    feeds(true).add(base() + "/feed/podcast-transcript-srt_podcasting20.xml");
    assertEquals(0, jobs("transcript_download"));
    assertEquals(56, jobs("transcribe"));
  }

  @Test
  void transcriptDownloadsStoreTranscriptsOrFallBackToTranscription() throws Exception {
    feeds(false).add(base() + "/generated.rss");
    assertEquals(2, jobs("transcript_download"));
    assertEquals(1, jobs("transcribe"));
    TranscriptDownloads downloads =
        new TranscriptDownloads(
            db,
            queue,
            new PublisherTranscriptImport(
                db,
                new FeedFetcher(Duration.ofSeconds(10), 5 * 1024 * 1024, 5, "transcript"),
                Clock.systemUTC()),
            "server");
    assertTrue(downloads.runOne());
    assertTrue(downloads.runOne());
    assertFalse(downloads.runOne());
    assertEquals(
        2L,
        (long)
            db.inTransaction(
                c ->
                    Sql.count(
                        c,
                        "SELECT COUNT(*) FROM job WHERE job_type = 'transcript_download'"
                            + " AND status = 'completed'")));
    assertEquals(
        "podcast2.0:vtt",
        db.inTransaction(
            c ->
                Sql.queryOne(
                        c,
                        "SELECT t.source FROM transcript t JOIN episode e ON e.id = t.episode_id"
                            + " WHERE e.title = 'With transcript'",
                        rs -> rs.getString(1))
                    .orElseThrow()));
    assertEquals(2, jobs("transcribe"), "the old episode whose transcript is gone");
  }

  private Feeds feeds(boolean alwaysTranscribe) {
    return new Feeds(
        db,
        new FeedFetcher(Duration.ofSeconds(10), 20 * 1024 * 1024, 5),
        Clock.systemUTC(),
        new AutoQueue(queue, alwaysTranscribe));
  }

  private int jobs(String type) {
    return (int)
        (long)
            db.inTransaction(
                c -> Sql.count(c, "SELECT COUNT(*) FROM job WHERE job_type = ?", type));
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private String generatedFeed() {
    String ns = "https://podcastindex.org/namespace/1.0";
    return "<rss version=\"2.0\" xmlns:podcast=\""
        + ns
        + "\"><channel><title>Gen</title>"
        + item(
            "1", "With transcript", base() + "/t/transcript_podnews-weekly-review-2024-01-19.vtt")
        + item("2", "Transcript gone", base() + "/t/gone.vtt")
        + item("3", "No transcript", null)
        + "</channel></rss>";
  }

  private static String item(String guid, String title, String transcript) {
    return "<item><guid>"
        + guid
        + "</guid><title>"
        + title
        + "</title>"
        + "<pubDate>Mon, 01 Jan 2018 10:00:00 GMT</pubDate>"
        + "<enclosure url=\"http://example.invalid/"
        + guid
        + ".mp3\" type=\"audio/mpeg\"/>"
        + (transcript == null
            ? ""
            : "<podcast:transcript url=\"" + transcript + "\" type=\"text/vtt\"/>")
        + "</item>";
  }

  private void serve(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getPath();
    byte[] body = null;
    if (path.equals("/generated.rss")) {
      body = generatedFeed().getBytes(StandardCharsets.UTF_8);
    } else if (path.startsWith("/feed/") || path.startsWith("/t/")) {
      String name = path.substring(path.indexOf('/', 1) + 1);
      if (!name.contains("/") && TestFeeds.path(name).toFile().isFile()) {
        body = TestFeeds.bytes(name);
      }
    }
    if (body == null) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
