package dev.cast2md.feeds.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.queue.entity.ClaimedJob;
import dev.cast2md.queue.entity.EnqueueResult;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Download jobs: only while the server relays audio, and then the transcription gets the file. */
class AudioDownloadsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final byte[] MP3 = mp3(50_000);
  private SimplePool pool;
  private Database db;
  private JobQueue queue;
  private AudioDownloads downloads;
  private HttpServer server;
  private final AtomicBoolean relay = new AtomicBoolean(true);
  @TempDir Path dataDir;

  @BeforeEach
  void start() throws IOException {
    pool = TestDatabases.h2(2);
    db = new Database(pool);
    queue = new JobQueue(db, Clock.systemUTC(), QueuePolicy.defaults());
    queue.relayAudio(relay::get);
    downloads =
        new AudioDownloads(
            db,
            queue,
            new AudioDownloader(Duration.ofSeconds(5), Duration.ofSeconds(2), 1_000_000, 3),
            dataDir,
            relay::get,
            "server-audio");
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/ep.mp3", ex -> send(ex, 200, MP3));
    server.createContext("/gone.mp3", ex -> send(ex, 404, new byte[0]));
    server.createContext("/busy.mp3", ex -> send(ex, 503, new byte[0]));
    server.createContext(
        "/page.mp3", ex -> send(ex, 200, "<html>no</html>".getBytes(StandardCharsets.UTF_8)));
    server.createContext(
        "/slow.mp3",
        ex -> {
          ex.getResponseHeaders().add("Content-Type", "audio/mpeg");
          ex.sendResponseHeaders(200, 1_000_000);
          try {
            ex.getResponseBody().write(MP3, 0, 20_000);
            ex.getResponseBody().flush();
            Thread.sleep(1500);
          } catch (IOException | InterruptedException e) {
            // the client went away
          }
          ex.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    pool.close();
  }

  @Test
  void theServerDownloadsThenTheWorkerGetsTheStoredFile() throws Exception {
    long ep = episode(url("/ep.mp3?x=1"));
    EnqueueResult r = db.inTransaction(c -> queue.enqueueTranscription(c, ep, 10));
    assertEquals(JobType.DOWNLOAD, queue.find(r.jobId()).orElseThrow().type());
    assertTrue(downloads.runOne());
    assertFalse(downloads.runOne(), "nothing else is due");

    Episode e = episodeRow(ep);
    assertEquals(EpisodeStatus.AUDIO_READY, e.status());
    assertEquals("audio/feed-" + e.feedId() + "/" + ep + ".mp3", e.audioPath());
    assertArrayEquals(MP3, Files.readAllBytes(dataDir.resolve(e.audioPath())));
    assertEquals(JobStatus.COMPLETED, queue.find(r.jobId()).orElseThrow().status());

    ClaimedJob transcribe = queue.claim("node-1", JobType.TRANSCRIBE).orElseThrow();
    assertEquals(ep, transcribe.job().episodeId());
    assertEquals(10, transcribe.job().priority());
    assertNull(transcribe.enclosureUrl(), "the worker takes the server's copy");
  }

  @Test
  void withoutRelayTheServerDownloadsNothing() {
    relay.set(false);
    long ep = episode(url("/ep.mp3"));
    EnqueueResult r = db.inTransaction(c -> queue.enqueueTranscription(c, ep, 1));
    assertEquals(JobType.TRANSCRIBE, queue.find(r.jobId()).orElseThrow().type());
    assertFalse(downloads.runOne());
    ClaimedJob claimed = queue.claim("node-1", JobType.TRANSCRIBE).orElseThrow();
    assertEquals(url("/ep.mp3"), claimed.enclosureUrl(), "the worker fetches the enclosure");
    assertTrue(Files.notExists(dataDir.resolve("audio")));
  }

  @Test
  void switchingRelayOffHandsQueuedDownloadsToTheWorkers() {
    long ep = episode(url("/ep.mp3"));
    long download = db.inTransaction(c -> queue.enqueueTranscription(c, ep, 7)).jobId();
    relay.set(false);
    assertEquals(1, downloads.handBack());
    assertEquals(JobStatus.CANCELLED, queue.find(download).orElseThrow().status());
    ClaimedJob claimed = queue.claim("node-1", JobType.TRANSCRIBE).orElseThrow();
    assertEquals(ep, claimed.job().episodeId());
    assertEquals(7, claimed.job().priority());
    assertEquals(0, downloads.handBack());
  }

  @Test
  void aMissingOrNonAudioEnclosureFailsTheEpisodeAndRetryQueuesItAgain() {
    long gone = episode(url("/gone.mp3"));
    long page = episode(url("/page.mp3"));
    long gone2 = db.inTransaction(c -> queue.enqueueTranscription(c, gone, 1)).jobId();
    long page2 = db.inTransaction(c -> queue.enqueueTranscription(c, page, 1)).jobId();
    assertTrue(downloads.runOne());
    assertTrue(downloads.runOne());
    for (long job : List.of(gone2, page2)) {
      assertEquals(JobStatus.FAILED, queue.find(job).orElseThrow().status(), "no retry helps");
    }
    assertEquals(EpisodeStatus.FAILED, episodeRow(gone).status());
    assertTrue(episodeRow(gone).errorMessage().contains("HTTP 404"));
    assertTrue(episodeRow(page).errorMessage().contains("not appear to be audio"));
    assertTrue(Files.notExists(dataDir.resolve(AudioDownloads.relativePath(episodeRow(page)))));

    EpisodeActions actions = new EpisodeActions(db, queue);
    EpisodeActions.Outcome retried =
        actions.apply(EpisodeActions.Action.RETRY, List.of(gone)).get(0);
    assertTrue(retried.created());
    assertEquals(JobType.DOWNLOAD, queue.find(retried.jobId()).orElseThrow().type());
    assertEquals(EpisodeStatus.NEW, episodeRow(gone).status());
    assertNull(episodeRow(gone).errorMessage());
    assertEquals(
        retried.jobId(),
        actions.apply(EpisodeActions.Action.RETRY, List.of(gone)).get(0).jobId(),
        "retrying again reuses the queued job");
  }

  @Test
  void aServerErrorIsRetriedLater() {
    long ep = episode(url("/busy.mp3"));
    long job = db.inTransaction(c -> queue.enqueueTranscription(c, ep, 1)).jobId();
    assertTrue(downloads.runOne());
    assertEquals(JobStatus.QUEUED, queue.find(job).orElseThrow().status());
    assertTrue(queue.find(job).orElseThrow().nextRetryAt() != null, "after a backoff");
    assertEquals(EpisodeStatus.NEW, episodeRow(ep).status());
    assertTrue(episodeRow(ep).errorMessage().contains("HTTP 503"));
    assertFalse(downloads.runOne(), "not before the backoff");
  }

  @Test
  void stoppingEndsTheDownloadAndQueuesItAgain() throws Exception {
    long ep = episode(url("/slow.mp3"));
    long job = db.inTransaction(c -> queue.enqueueTranscription(c, ep, 1)).jobId();
    Thread worker = new Thread(downloads::runOne, "test-download");
    worker.start();
    Thread.sleep(600);
    downloads.stop();
    worker.join(5000);
    assertFalse(worker.isAlive());
    assertEquals(JobStatus.QUEUED, queue.find(job).orElseThrow().status());
    assertNull(queue.find(job).orElseThrow().nextRetryAt(), "no backoff: it was not its fault");
    assertEquals(EpisodeStatus.NEW, episodeRow(ep).status());
    Path target = dataDir.resolve(AudioDownloads.relativePath(episodeRow(ep)));
    assertTrue(Files.exists(target.resolveSibling(".downloading_" + target.getFileName())));
    assertFalse(downloads.runOne(), "a stopped server takes no new download");
  }

  @Test
  void onlyFailedEpisodesAreRetried() {
    long ep = episode(url("/ep.mp3"));
    EpisodeActions.Outcome o =
        new EpisodeActions(db, queue).apply(EpisodeActions.Action.RETRY, List.of(ep)).get(0);
    assertNull(o.jobId());
    assertTrue(o.problem().contains("only failed") || o.problem().contains("Only failed"));
  }

  @Test
  void extensionsComeFromTheUrlPath() {
    assertEquals(".m4a", AudioDownloads.extension("https://h/a/b.M4A?token=1.mp3"));
    assertEquals(".audio", AudioDownloads.extension("https://h/a/download"));
    assertEquals(".audio", AudioDownloads.extension("https://h/a.b/../x"));
  }

  private Episode episodeRow(long id) {
    return db.inTransaction(c -> EpisodeRepository.find(c, id)).orElseThrow();
  }

  private long episode(String audioUrl) {
    return db.inTransaction(
        c -> {
          long feed =
              Sql.insert(
                  c,
                  "INSERT INTO feed (url, title, created_at, updated_at) VALUES (?, 't', ?, ?)",
                  audioUrl + "#feed",
                  NOW,
                  NOW);
          return Sql.insert(
              c,
              "INSERT INTO episode (feed_id, guid, title, audio_url, status, created_at,"
                  + " updated_at) VALUES (?, ?, 't', ?, 'new', ?, ?)",
              feed,
              audioUrl,
              audioUrl,
              NOW,
              NOW);
        });
  }

  private String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private static void send(com.sun.net.httpserver.HttpExchange ex, int status, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", "audio/mpeg");
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  private static byte[] mp3(int size) {
    byte[] b = new byte[size];
    new Random(11).nextBytes(b);
    System.arraycopy("ID3".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 3);
    return b;
  }
}
