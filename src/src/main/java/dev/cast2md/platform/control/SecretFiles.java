package dev.cast2md.platform.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.Logger;

/**
 * Generated secrets (the enrolment key, the administrator password) are also written to a file only
 * the server's user can read, so an operator who missed the one log line can still find them.
 */
public final class SecretFiles {
  private static final Logger LOG = Logger.getLogger(SecretFiles.class.getName());

  private SecretFiles() {}

  /** Writes the secret to {@code dir/name} with mode 0600; a failure is logged, not thrown. */
  public static Path writeOwnerOnly(Path dir, String name, String secret) {
    Path file = dir.resolve(name);
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(file);
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(file, secret + "\n");
    } catch (IOException | UnsupportedOperationException e) {
      LOG.warning("could not write " + file + ": " + e.getMessage());
    }
    return file;
  }
}
