package dev.cast2md.worker.cli;

import dev.cast2md.protocol.ProtocolJson;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * The node's credentials on disk, readable by its owner only: the file is created with 0600 before
 * the key is written into it, so the key is never readable by others, not even for a moment.
 */
public final class ConfigFile {
  private final Path path;
  private final Jsonb jsonb = ProtocolJson.create();

  public ConfigFile(Path path) {
    this.path = path;
  }

  public Path path() {
    return path;
  }

  public Optional<StoredNode> read() throws IOException {
    if (!Files.exists(path)) {
      return Optional.empty();
    }
    return Optional.of(
        jsonb.fromJson(Files.readString(path, StandardCharsets.UTF_8), StoredNode.class));
  }

  public void write(StoredNode node) throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (!Files.exists(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    Path tmp = dir.resolve(path.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    try {
      Files.createFile(
          tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (FileAlreadyExistsException e) {
      throw new IOException("another process is writing " + tmp, e);
    }
    Files.writeString(tmp, jsonb.toJson(node), StandardCharsets.UTF_8);
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
