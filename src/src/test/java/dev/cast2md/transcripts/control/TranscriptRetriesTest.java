package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TranscriptRetriesTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private SimplePool pool;
  private Database db;
  private TranscriptRetries retries;

  @BeforeEach
  void start() {
    pool = TestDatabases.h2(2);
    db = new Database(pool);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    retries = new TranscriptRetries(db, new JobQueue(db, clock, QueuePolicy.defaults()), clock);
  }

  @AfterEach
  void stop() {
    pool.close();
  }

  @Test
  void dueEpisodesAreAskedAgainWhileYoungElseTranscribed() {
    long young = episode("young", NOW.minus(Duration.ofDays(3)), NOW.minusSeconds(60));
    long old = episode("old", NOW.minus(Duration.ofDays(20)), NOW.minusSeconds(60));
    long notYet = episode("later", NOW.minus(Duration.ofDays(3)), NOW.plusSeconds(3600));
    assertEquals(2, retries.queueDue());
    assertEquals("transcript_download", jobType(young));
    assertEquals("new", status(young));
    assertEquals("transcribe", jobType(old));
    assertEquals("needs_audio", status(old));
    assertEquals(null, jobType(notYet));
    assertEquals(0, retries.queueDue(), "nothing twice");
  }

  private long episode(String title, Instant published, Instant retryAt) {
    return db.inTransaction(
        c ->
            Sql.insert(
                c,
                "INSERT INTO episode (guid, title, published_at, status, next_transcript_retry_at,"
                    + " created_at, updated_at) VALUES (?, ?, ?, 'awaiting_transcript', ?, ?, ?)",
                title,
                title,
                published,
                retryAt,
                NOW,
                NOW));
  }

  private String status(long id) {
    return db.inTransaction(
        c ->
            Sql.queryOne(c, "SELECT status FROM episode WHERE id = ?", rs -> rs.getString(1), id)
                .orElse(null));
  }

  private String jobType(long id) {
    return db.inTransaction(
        c ->
            Sql.queryOne(
                    c, "SELECT job_type FROM job WHERE episode_id = ?", rs -> rs.getString(1), id)
                .orElse(null));
  }
}
