package dev.cast2md.transcripts.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.logging.Logger;

/**
 * When a feed is deleted its transcript files go to {@code <data>/trash/transcripts/}, as the
 * reference does, rather than staying beside live ones or being lost. Files are picked by the
 * feed's episodes (their ids are in the names), because two feeds may share a title and a folder.
 */
public class TranscriptTrash {
  private static final Logger LOG = Logger.getLogger(TranscriptTrash.class.getName());

  private final Database db;
  private final Path transcriptsDir;
  private final Path trashDir;

  public TranscriptTrash(Database db, Path dataDir) {
    this.db = db;
    this.transcriptsDir = dataDir.resolve("transcripts");
    this.trashDir = dataDir.resolve("trash").resolve("transcripts");
  }

  /**
   * Where the feed's transcript files are, relative to the transcripts folder; read before
   * deleting.
   */
  public List<Path> filesOf(long feedId) {
    return db.inTransaction(
        c ->
            Sql.query(
                c,
                "SELECT e.id, e.title, e.published_at, COALESCE(f.custom_title, f.title) AS ft"
                    + " FROM episode e JOIN feed f ON f.id = e.feed_id"
                    + " JOIN transcript t ON t.episode_id = e.id WHERE e.feed_id = ?",
                rs ->
                    TranscriptFileSync.relativePath(
                        rs.getString("ft"),
                        Sql.instant(rs, "published_at"),
                        rs.getString("title"),
                        rs.getLong("id")),
                feedId));
  }

  /** Moves those that exist; answers how many moved. A file that cannot be moved stays. */
  public int moveToTrash(List<Path> relatives) {
    int moved = 0;
    for (Path relative : relatives) {
      Path source = transcriptsDir.resolve(relative).normalize();
      Path target = trashDir.resolve(relative).normalize();
      if (!source.startsWith(transcriptsDir) || !target.startsWith(trashDir)) {
        continue;
      }
      try {
        if (Files.exists(source)) {
          Files.createDirectories(target.getParent());
          Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
          moved++;
        }
      } catch (IOException e) {
        LOG.warning("transcript file not moved to trash: " + relative + " (" + e + ")");
      }
    }
    return moved;
  }
}
