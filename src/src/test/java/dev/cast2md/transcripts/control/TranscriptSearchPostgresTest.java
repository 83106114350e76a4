package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptSearchPostgresTest extends TranscriptSearchTest {
  @Override
  SimplePool newPool() {
    return TestDatabases.postgres(2);
  }

  /** The search's expressions are the indexed ones: without a table scan the plan uses them. */
  @Test
  void searchUsesTheFullTextIndexes() {
    Database db = new Database(pool());
    String plan =
        db.inTransaction(
            c -> {
              Sql.update(c, "SET LOCAL enable_seqscan = off");
              List<String> lines =
                  Sql.query(
                      c,
                      "EXPLAIN SELECT episode_id FROM transcript WHERE to_tsvector('simple',"
                          + " LEFT(markdown, 400000)) @@ to_tsquery('simple', 'podnews:*')"
                          + " UNION SELECT id FROM episode WHERE to_tsvector('simple', title)"
                          + " @@ to_tsquery('simple', 'podnews:*')",
                      rs -> rs.getString(1));
              return String.join("\n", lines);
            });
    assertTrue(plan.contains("ix_transcript_fts"), plan);
    assertTrue(plan.contains("ix_episode_title_fts"), plan);
  }
}
