package dev.cast2md.platform.boundary;

import dev.cast2md.nodes.control.NodeKeys;
import dev.cast2md.platform.control.SecretFiles;
import dev.cast2md.settings.control.Settings;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The enrolment key nodes register with: {@code NODE_ENROLMENT_KEY} when configured; otherwise one
 * generated at first start, shown once in the log and written to {@code enrolment.key} in the data
 * directory (mode 0600). Only its hash is kept in the database.
 */
final class EnrolmentKeyBootstrap {
  private static final Logger LOG = Logger.getLogger(EnrolmentKeyBootstrap.class.getName());
  static final String STORED_HASH = "_node_enrolment_key_sha256";
  static final String KEY_FILE = "enrolment.key";

  private EnrolmentKeyBootstrap() {}

  static String keyHash(Settings settings, Config config, Path dataDir) {
    Optional<String> configured = config.getOptionalValue("NODE_ENROLMENT_KEY", String.class);
    if (configured.isPresent() && !configured.get().isBlank()) {
      return NodeKeys.hash(configured.get().trim());
    }
    Optional<String> stored = settings.stored(STORED_HASH);
    if (stored.isPresent()) {
      return stored.get();
    }
    String key = NodeKeys.newSecret();
    settings.store(STORED_HASH, NodeKeys.hash(key));
    Path file = SecretFiles.writeOwnerOnly(dataDir, KEY_FILE, key);
    // the one time this key is ever printed: it was generated here and no one else has it
    LOG.warning(
        "Generated the node enrolment key (shown once; also in "
            + file
            + "): "
            + key
            + " - nodes register with it as X-Enrolment-Key; set NODE_ENROLMENT_KEY to choose"
            + " your own.");
    return NodeKeys.hash(key);
  }
}
