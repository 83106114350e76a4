package dev.cast2md.feeds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EpisodeActionsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private SimplePool pool;
  private Database db;
  private EpisodeActions actions;

  @BeforeEach
  void start() {
    pool = TestDatabases.h2(2);
    db = new Database(pool);
    actions = new EpisodeActions(db, new JobQueue(db, Clock.systemUTC(), QueuePolicy.defaults()));
  }

  @AfterEach
  void stop() {
    pool.close();
  }

  @Test
  void bulkTranscribeIsIdempotent() {
    long a = episode("a", null);
    long b = episode("b", "http://x/t.vtt");
    List<EpisodeActions.Outcome> first =
        actions.apply(EpisodeActions.Action.TRANSCRIBE, List.of(a, b, a, 999L));
    assertEquals(3, first.size(), "duplicates in the selection count once");
    assertTrue(first.get(0).created());
    assertEquals("Episode not found", first.get(2).problem());
    List<EpisodeActions.Outcome> again =
        actions.apply(EpisodeActions.Action.TRANSCRIBE, List.of(a, b));
    assertFalse(again.get(0).created());
    assertEquals(first.get(0).jobId(), again.get(0).jobId());
    assertEquals(
        2L,
        (long)
            db.inTransaction(
                c -> Sql.count(c, "SELECT COUNT(*) FROM job WHERE job_type = 'transcribe'")));
  }

  @Test
  void transcriptCheckNeedsATranscriptUrl() {
    long a = episode("a", null);
    long b = episode("b", "http://x/t.vtt");
    List<EpisodeActions.Outcome> out =
        actions.apply(EpisodeActions.Action.TRANSCRIPT_CHECK, List.of(a, b));
    assertNull(out.get(0).jobId());
    assertTrue(out.get(1).created());
    assertEquals(
        EpisodeActions.Action.TRANSCRIPT_CHECK,
        EpisodeActions.Action.parse("transcript_check").orElseThrow());
    assertTrue(EpisodeActions.Action.parse("delete").isEmpty());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            actions.apply(
                EpisodeActions.Action.TRANSCRIBE,
                java.util.stream.LongStream.range(0, 1001).boxed().toList()));
    assertTrue(actions.apply(EpisodeActions.Action.TRANSCRIBE, Collections.emptyList()).isEmpty());
  }

  @Test
  void skipCancelsWhatIsQueuedAndTranscribeBringsItBack() {
    long a = episode("a", null);
    long done = episode("done", null);
    db.inTransaction(
        c -> Sql.update(c, "UPDATE episode SET status = 'completed' WHERE id = ?", done));
    long job = actions.apply(EpisodeActions.Action.TRANSCRIBE, List.of(a)).get(0).jobId();
    List<EpisodeActions.Outcome> skipped =
        actions.apply(EpisodeActions.Action.SKIP, List.of(a, done));
    assertNull(skipped.get(0).problem());
    assertEquals("Already transcribed; nothing to skip", skipped.get(1).problem());
    assertEquals("skipped", status(a));
    assertEquals(
        "cancelled",
        db.inTransaction(
            c ->
                Sql.queryOne(c, "SELECT status FROM job WHERE id = ?", rs -> rs.getString(1), job)
                    .orElseThrow()));
    EpisodeActions.Outcome again =
        actions.apply(EpisodeActions.Action.TRANSCRIBE, List.of(a)).get(0);
    assertTrue(again.created());
    assertEquals("new", status(a));
    assertEquals(EpisodeActions.Action.SKIP, EpisodeActions.Action.parse("skip").orElseThrow());
  }

  private String status(long id) {
    return db.inTransaction(
        c ->
            Sql.queryOne(c, "SELECT status FROM episode WHERE id = ?", rs -> rs.getString(1), id)
                .orElseThrow());
  }

  private long episode(String title, String transcriptUrl) {
    return db.inTransaction(
        c ->
            Sql.insert(
                c,
                "INSERT INTO episode (guid, title, status, transcript_url, created_at, updated_at)"
                    + " VALUES (?, ?, 'new', ?, ?, ?)",
                title,
                title,
                transcriptUrl,
                NOW,
                NOW));
  }
}
