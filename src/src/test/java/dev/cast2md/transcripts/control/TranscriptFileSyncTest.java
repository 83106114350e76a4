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
import java.util.List;
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

  @Test
  void aDeletedFeedsFilesGoToTheTrashAndASameTitledFeedKeepsItsOwn() throws Exception {
    long feedA = feed("http://x/a", "Same Title");
    long feedB = feed("http://x/b", "Same Title");
    long a = episode(feedA, "Mine");
    long b = episode(feedB, "Theirs");
    save(a, "# Mine\n\n**[00:00]** mine\n", T0);
    save(b, "# Theirs\n\n**[00:00]** theirs\n", T0);
    assertEquals(2, sync.pass(10));
    // the sync above wrote under dir; the trash works on a data directory's transcripts folder
    Path data = Files.createDirectories(dir.resolve("data"));
    Files.move(
        dir.resolve("Same_Title"),
        Files.createDirectories(data.resolve("transcripts")).resolve("Same_Title"));
    TranscriptTrash trash = new TranscriptTrash(db, data);
    List<Path> files = trash.filesOf(feedA);
    assertEquals(1, files.size());
    assertEquals(1, trash.moveToTrash(files));
    assertTrue(
        Files.exists(data.resolve("trash/transcripts/Same_Title/2026-02-01_Mine_" + a + ".md")));
    assertTrue(
        Files.exists(data.resolve("transcripts/Same_Title/2026-02-01_Theirs_" + b + ".md")),
        "the other feed of the same title keeps its file");
    assertEquals(0, trash.moveToTrash(files), "already moved");
  }

  private long feed(String url, String title) {
    return db.inTransaction(
        c ->
            Sql.insert(
                c,
                "INSERT INTO feed (url, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                url,
                title,
                T0,
                T0));
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
