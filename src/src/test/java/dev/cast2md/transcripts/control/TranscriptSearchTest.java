package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import dev.cast2md.testing.TestFeeds;
import dev.cast2md.transcripts.entity.SearchHit;
import dev.cast2md.transcripts.entity.Transcript;
import dev.cast2md.transcripts.entity.TranscriptFormat;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Search on H2; {@link TranscriptSearchPostgresTest} runs the same on PostgreSQL. */
class TranscriptSearchTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private SimplePool pool;
  private Database db;

  SimplePool newPool() {
    return TestDatabases.h2(2);
  }

  @BeforeEach
  void start() {
    pool = newPool();
    db = new Database(pool);
    long srt = episode("Episode 124 board meeting");
    long vtt = episode("Weekly review");
    episode("Value for value special");
    save(srt, TranscriptFormat.SRT, "transcript_podcasting20-ep124.srt");
    save(vtt, TranscriptFormat.VTT, "transcript_podnews-weekly-review-2024-01-19.vtt");
  }

  SimplePool pool() {
    return pool;
  }

  @AfterEach
  void stop() {
    pool.close();
  }

  @Test
  void findsTheParagraphAndItsTime() {
    List<SearchHit> hits = new TranscriptSearch(db).search("Podnews", 10);
    assertEquals(1, hits.size());
    assertEquals("Weekly review", hits.get(0).episodeTitle());
    assertTrue(hits.get(0).snippet().toLowerCase().contains("podnews"), hits.get(0).snippet());
    assertEquals(Timecodes.paragraph(hits.get(0).startSeconds()), hits.get(0).timestamp());
  }

  @Test
  void titlesMatchToo() {
    List<SearchHit> hits = new TranscriptSearch(db).search("VALUE FOR VALUE", 10);
    assertTrue(
        hits.stream()
            .anyMatch(h -> h.episodeTitle().startsWith("Value") && h.startSeconds() == null));
  }

  @Test
  void everyWordMustMatchButNotSideBySide() {
    // "Sethi" and "Cridland" are in different paragraphs of the weekly review
    List<SearchHit> both = new TranscriptSearch(db).search("sethi cridland", 10);
    assertEquals(1, both.size());
    assertEquals(0, new TranscriptSearch(db).search("podnews zzqqxx", 10).size());
    List<SearchHit> title = new TranscriptSearch(db).search("special value", 10);
    assertTrue(
        title.stream()
            .anyMatch(h -> h.episodeTitle().startsWith("Value") && h.startSeconds() == null),
        "title words in any order");
  }

  @Test
  void wordsMatchAsPrefixesAndDecimalsStayWhole() {
    assertEquals(1, new TranscriptSearch(db).search("podne", 10).size());
    List<SearchHit> hits = new TranscriptSearch(db).search("Podcasting 2.0 board meeting", 10);
    assertEquals(1, hits.size());
    assertEquals("Episode 124 board meeting", hits.get(0).episodeTitle());
    assertTrue(hits.get(0).snippet().contains("podcasting 2.0"), hits.get(0).snippet());
    assertEquals(0.0, hits.get(0).startSeconds());
  }

  @Test
  void punctuationIsNotSyntax() {
    // tsquery operators, LIKE wildcards and quotes are dropped, not interpreted
    for (String q : List.of("&|!():*%_'\\", "'); --")) {
      assertEquals(0, new TranscriptSearch(db).search(q, 10).size(), q);
    }
    assertEquals(1, new TranscriptSearch(db).search("'podnews':*|", 10).size());
    assertEquals(List.of("a", "2.0", "mp3"), TranscriptSearch.words("A & 2.0 | mp3!a"));
    assertEquals("'board':* & 'meeting':*", TranscriptSearch.tsquery(List.of("board", "meeting")));
  }

  private long episode(String title) {
    return db.inTransaction(
        c ->
            Sql.insert(
                c,
                "INSERT INTO episode (guid, title, status, created_at, updated_at)"
                    + " VALUES (?, ?, 'new', ?, ?)",
                title,
                title,
                NOW,
                NOW));
  }

  private void save(long id, TranscriptFormat format, String file) {
    String md = PublisherTranscripts.toMarkdown(format, TestFeeds.text(file), null);
    db.inTransaction(
        c -> {
          TranscriptRepository.save(
              c, new Transcript(id, md, null, null, "test", null, NOW, NOW), NOW);
          return null;
        });
  }
}
