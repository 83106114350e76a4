package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cast2md.feeds.control.FeedFetcher;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import dev.cast2md.testing.TestFeeds;
import dev.cast2md.transcripts.entity.Transcript;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherTranscriptImportTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  private SimplePool pool;
  private Database db;
  private HttpServer server;
  private PublisherTranscriptImport importer;
  private long feedId;
  @TempDir Path files;

  @BeforeEach
  void start() throws IOException {
    pool = TestDatabases.h2(2);
    db = new Database(pool);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/t/", this::serve);
    server.start();
    importer =
        new PublisherTranscriptImport(
            db,
            new FeedFetcher(Duration.ofSeconds(10), 5 * 1024 * 1024, 5, "transcript"),
            Clock.fixed(NOW, ZoneOffset.UTC),
            files);
    feedId =
        db.inTransaction(
            c ->
                Sql.insert(
                    c,
                    "INSERT INTO feed (url, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    "http://example.invalid/feed",
                    "Feed",
                    NOW,
                    NOW));
  }

  @AfterEach
  void stop() {
    server.stop(0);
    pool.close();
  }

  @Test
  void anSrtTranscriptIsStoredAsMarkdownWithItsSource() {
    long id =
        episode("Episode 124", "/t/transcript_podcasting20-ep124.srt", "application/srt", NOW);
    assertEquals(PublisherTranscriptImport.Outcome.STORED, importer.run(id));
    Transcript t = db.inTransaction(c -> TranscriptRepository.find(c, id)).orElseThrow();
    assertEquals("podcast2.0:srt", t.source());
    assertNull(t.model());
    assertTrue(
        t.markdown()
            .startsWith(
                "# Episode 124\n\n*Source: Downloaded from publisher*\n\n**[00:00]** Adam Curry:"));
    assertEquals("completed", status(id));
    var segments = TranscriptRendering.segments(t);
    assertEquals(TranscriptMarkdown.parse(t.markdown()).size(), segments.size());
    assertEquals(0.78, segments.get(0).start(), 1e-9, "exact start kept in the segments");
    Path file = files.resolve("Feed").resolve("2026-03-01_Episode_124_" + id + ".md");
    assertEquals(t.markdown(), assertDoesNotThrow(() -> Files.readString(file)));
  }

  @Test
  void theFormatComesFromTheUrlWhenTheFeedGivesNoType() {
    long id = episode("Weekly", "/t/transcript_podnews-weekly-review-2024-01-19.vtt", null, NOW);
    assertEquals(PublisherTranscriptImport.Outcome.STORED, importer.run(id));
    assertEquals(
        "podcast2.0:vtt",
        db.inTransaction(c -> TranscriptRepository.find(c, id)).orElseThrow().source());
    long json =
        episode(
            "Json", "/t/transcript_podnews-weekly-review-2023-05-05.json", "application/json", NOW);
    assertEquals(PublisherTranscriptImport.Outcome.STORED, importer.run(json));
  }

  @Test
  void aMissingTranscriptWaitsWhileTheEpisodeIsYoungElseNeedsAudio() {
    long young = episode("Young", "/t/missing.vtt", "text/vtt", NOW.minus(Duration.ofDays(2)));
    assertEquals(PublisherTranscriptImport.Outcome.RETRY_LATER, importer.run(young));
    assertEquals("awaiting_transcript", status(young));
    assertEquals("not_found", column(young, "transcript_failure_reason"));
    assertNotNull(column(young, "next_transcript_retry_at"));

    long old = episode("Old", "/t/missing.vtt", "text/vtt", NOW.minus(Duration.ofDays(400)));
    assertEquals(PublisherTranscriptImport.Outcome.NEEDS_AUDIO, importer.run(old));
    assertEquals("needs_audio", status(old));

    long undated = episode("Undated", "/t/missing.vtt", "text/vtt", null);
    assertEquals(PublisherTranscriptImport.Outcome.NEEDS_AUDIO, importer.run(undated));

    long none = episode("None", null, null, NOW);
    assertEquals(PublisherTranscriptImport.Outcome.NO_TRANSCRIPT_URL, importer.run(none));
    assertEquals("new", status(none));
  }

  private long episode(String title, String path, String type, Instant published) {
    String url = path == null ? null : "http://127.0.0.1:" + server.getAddress().getPort() + path;
    return db.inTransaction(
        c ->
            Sql.insert(
                c,
                "INSERT INTO episode (feed_id, guid, title, audio_url, published_at, status,"
                    + " transcript_url, transcript_type, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, 'new', ?, ?, ?, ?)",
                feedId,
                "guid-" + title,
                title,
                "http://example.invalid/" + title + ".mp3",
                published,
                url,
                type,
                NOW,
                NOW));
  }

  private String status(long id) {
    return column(id, "status");
  }

  private String column(long id, String name) {
    return db.inTransaction(
        c ->
            Sql.queryOne(
                    c, "SELECT " + name + " FROM episode WHERE id = ?", rs -> rs.getString(1), id)
                .orElse(null));
  }

  private void serve(HttpExchange ex) throws IOException {
    String name = ex.getRequestURI().getPath().substring("/t/".length());
    if (!TestFeeds.path(name).toFile().isFile()) {
      ex.sendResponseHeaders(404, -1);
      ex.close();
      return;
    }
    byte[] body = TestFeeds.bytes(name);
    ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
