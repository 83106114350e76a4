package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.settings.control.Settings;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import dev.cast2md.transcripts.entity.Transcript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every stored transcript becomes a Markdown file, once per change, whoever stored it. */
class TranscriptFileSyncTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private SimplePool pool;
  private Database db;
  private TranscriptFileSync sync;
  @TempDir Path dir;

  SimplePool newPool() {
    return TestDatabases.h2(2);
  }

  @BeforeEach
  void start() {
    pool = newPool();
    db = new Database(pool);
    sync = new TranscriptFileSync(db, new Settings(db, null, Clock.systemUTC()), dir);
  }

  @AfterEach
  void stop() {
    pool.close();
  }

  @Test
  void writesWhatChangedSinceTheLastPass() throws Exception {
    long feed =
        db.inTransaction(
            c ->
                Sql.insert(
                    c,
                    "INSERT INTO feed (url, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                    "http://x/feed",
                    "My Show",
                    T0,
                    T0));
    long a = episode(feed, "First: episode?");
    long b = episode(null, "Uploaded");
    long c2 = episode(feed, "Third");
    save(a, "# First\n\n**[00:00]** hello\n", T0);
    save(b, "# Uploaded\n\n**[00:00]** standalone\n", T0);
    save(c2, "# Third\n\n**[00:00]** three\n", T0); // same time as the others: the id breaks ties

    assertEquals(2, sync.pass(2));
    assertEquals(1, sync.pass(2));
    assertEquals(0, sync.pass(2), "nothing changed since");
    Path first = dir.resolve("My_Show/2026-02-01_First_episode_" + a + ".md");
    assertTrue(Files.readString(first).contains("hello"), first.toString());
    assertTrue(Files.exists(dir.resolve("standalone/2026-02-01_Uploaded_" + b + ".md")));

    save(a, "# First\n\n**[00:00]** hello again\n", T0.plusSeconds(60));
    assertEquals(1, sync.pass(10));
    assertTrue(Files.readString(first).contains("hello again"));
  }

  private long episode(Long feed, String title) {
    return db.inTransaction(
        c ->
            Sql.insert(
                c,
                "INSERT INTO episode (feed_id, guid, title, status, published_at, created_at,"
                    + " updated_at) VALUES (?, ?, ?, 'completed', ?, ?, ?)",
                feed,
                title,
                title,
                Instant.parse("2026-02-01T08:00:00Z"),
                T0,
                T0));
  }

  private void save(long id, String md, Instant at) {
    db.inTransaction(
        c -> {
          TranscriptRepository.save(
              c, new Transcript(id, md, null, null, "test", null, at, at), at);
          return null;
        });
  }
}
