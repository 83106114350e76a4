package dev.cast2md.worker.node;

import dev.cast2md.protocol.ClaimResponse;
import dev.cast2md.worker.audio.ChunkSpan;
import dev.cast2md.worker.audio.DecodedAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A claimed job whose audio is on disk, decoded and planned into chunks: ready for the engine. */
public record PreparedJob(
    long jobId, ClaimResponse claim, Path directory, DecodedAudio audio, List<ChunkSpan> plan) {

  /** Removes the job's files; a failure here only leaves litter, cleaned at the next start. */
  public void cleanup() {
    deleteTree(directory);
  }

  static void deleteTree(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(PreparedJob::deleteQuietly);
    } catch (IOException e) {
      // See above: litter only.
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // See above: litter only.
    }
  }
}
