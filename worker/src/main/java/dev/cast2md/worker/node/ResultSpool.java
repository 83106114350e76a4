package dev.cast2md.worker.node;

import dev.cast2md.protocol.CompleteRequest;
import dev.cast2md.protocol.ProtocolJson;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finished transcripts on disk until the server has them: written before the first delivery
 * attempt, so that neither a server outage nor a killed worker loses a transcript.
 */
public final class ResultSpool {
  private final Path directory;
  private final Jsonb jsonb = ProtocolJson.create();

  public ResultSpool(Path directory) {
    this.directory = directory;
  }

  public void save(long jobId, CompleteRequest result) throws IOException {
    Files.createDirectories(directory);
    Path tmp = directory.resolve("job-" + jobId + ".json.tmp");
    try {
      Files.writeString(tmp, jsonb.toJson(result), StandardCharsets.UTF_8);
    } catch (IOException e) {
      // A half-written file on a full disk only takes the space the next write needs.
      Files.deleteIfExists(tmp);
      throw e;
    }
    // Atomic rename: a crash leaves either the old state or the whole file, never half of it.
    Files.move(
        tmp, file(jobId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  public CompleteRequest load(long jobId) throws IOException {
    return jsonb.fromJson(
        Files.readString(file(jobId), StandardCharsets.UTF_8), CompleteRequest.class);
  }

  public void remove(long jobId) throws IOException {
    Files.deleteIfExists(file(jobId));
  }

  public List<Long> pending() {
    List<Long> ids = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return ids;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(name -> name.matches("job-\\d+\\.json"))
          .map(name -> Long.parseLong(name.substring(4, name.length() - 5)))
          .sorted()
          .forEach(ids::add);
    } catch (IOException e) {
      // An unreadable spool directory is reported when saving; listing just finds nothing.
    }
    return ids;
  }

  private Path file(long jobId) {
    return directory.resolve("job-" + jobId + ".json");
  }
}
