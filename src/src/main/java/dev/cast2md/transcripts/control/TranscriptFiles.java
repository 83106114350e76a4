package dev.cast2md.transcripts.control;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Transcripts as Markdown files, for people who read them outside the app: {@code
 * <feed>/<YYYY-MM-DD>_<episode>_<id>.md}. The episode id makes two episodes with the same title and
 * date distinct; files are written to a temporary name and moved into place, so that a reader never
 * sees half a transcript.
 */
public final class TranscriptFiles {
  private TranscriptFiles() {}

  public static Path relativePath(
      String feedTitle, Instant published, String episodeTitle, long episodeId) {
    String date =
        published == null ? "undated" : published.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    return Path.of(
        FileNames.sanitize(feedTitle),
        date + "_" + FileNames.sanitize(episodeTitle) + "_" + episodeId + ".md");
  }

  /** Writes the file under {@code root}; returns where it went. */
  public static Path write(Path root, Path relative, String markdown) throws IOException {
    Path base = root.toAbsolutePath().normalize();
    Path target = base.resolve(relative).normalize();
    if (!target.startsWith(base)) {
      throw new IOException("transcript path leaves the transcripts directory: " + relative);
    }
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), ".writing_", ".md");
    try {
      Files.writeString(temp, markdown, StandardCharsets.UTF_8);
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
    return target;
  }
}
