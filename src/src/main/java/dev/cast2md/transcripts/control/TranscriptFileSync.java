package dev.cast2md.transcripts.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.settings.control.Settings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes every stored transcript as a Markdown file ({@link TranscriptFiles}), whoever stored it: a
 * worker's delivery, a publisher's transcript, a re-transcription. It follows {@code
 * transcript.updated_at} with a watermark kept in the database, so that each pass only writes what
 * changed and a restart neither misses nor repeats much. The database stays the source of truth; a
 * file that cannot be written is logged and left.
 */
public class TranscriptFileSync {
  private static final Logger LOG = Logger.getLogger(TranscriptFileSync.class.getName());
  static final String WATERMARK = "transcript_files_written_until";

  private final Database db;
  private final Settings settings;
  private final Path transcriptsDir;

  public TranscriptFileSync(Database db, Settings settings, Path transcriptsDir) {
    this.db = db;
    this.settings = settings;
    this.transcriptsDir = transcriptsDir;
  }

  private record Row(
      long episodeId,
      Instant updatedAt,
      String markdown,
      String title,
      Instant publishedAt,
      String feedTitle) {}

  /** Writes up to {@code max} changed transcripts; returns how many it wrote. */
  public int pass(int max) {
    String[] mark = settings.stored(WATERMARK).orElse("1970-01-01T00:00:00Z|0").split("\\|");
    Instant since = Instant.parse(mark[0]);
    long afterId = Long.parseLong(mark[1]);
    List<Row> rows =
        db.inTransaction(
            c ->
                Sql.query(
                    c,
                    "SELECT t.episode_id, t.updated_at, t.markdown, e.title, e.published_at,"
                        + " COALESCE(f.custom_title, f.title) AS feed_title FROM transcript t"
                        + " JOIN episode e ON e.id = t.episode_id"
                        + " LEFT JOIN feed f ON f.id = e.feed_id"
                        + " WHERE t.updated_at > ? OR (t.updated_at = ? AND t.episode_id > ?)"
                        + " ORDER BY t.updated_at, t.episode_id LIMIT ?",
                    rs ->
                        new Row(
                            rs.getLong("episode_id"),
                            Sql.instant(rs, "updated_at"),
                            Sql.text(rs, "markdown"),
                            rs.getString("title"),
                            Sql.instant(rs, "published_at"),
                            rs.getString("feed_title")),
                    since,
                    since,
                    afterId,
                    max));
    for (Row r : rows) {
      write(r);
    }
    if (!rows.isEmpty()) {
      Row last = rows.get(rows.size() - 1);
      settings.store(WATERMARK, last.updatedAt() + "|" + last.episodeId());
    }
    return rows.size();
  }

  /** Standalone episodes (no feed) share one folder; the id in the name keeps them apart. */
  static Path relativePath(String feedTitle, Instant published, String title, long episodeId) {
    return TranscriptFiles.relativePath(
        feedTitle == null ? "standalone" : feedTitle, published, title, episodeId);
  }

  private void write(Row r) {
    try {
      TranscriptFiles.write(
          transcriptsDir,
          relativePath(r.feedTitle(), r.publishedAt(), r.title(), r.episodeId()),
          r.markdown());
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "episode=" + r.episodeId() + " transcript file not written", e);
    }
  }
}
