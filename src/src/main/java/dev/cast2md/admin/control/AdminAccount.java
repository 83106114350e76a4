package dev.cast2md.admin.control;

import dev.cast2md.nodes.control.NodeKeys;
import dev.cast2md.platform.control.SecretFiles;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;

/**
 * The one administrator. The password is {@code CAST2MD_ADMIN_PASSWORD} when configured; otherwise
 * one is generated at first start, printed once in the log, written to {@code admin.password} (mode
 * 0600) in the data directory, and only its PBKDF2 hash is kept in the database.
 */
public final class AdminAccount {
  private static final Logger LOG = Logger.getLogger(AdminAccount.class.getName());
  public static final String STORED_HASH = "_admin_password_pbkdf2";
  public static final String PASSWORD_FILE = "admin.password";
  public static final String DEFAULT_USER = "admin";

  private final String user;
  private final String passwordHash;
  // PBKDF2 costs ~0.1 s by design; a script sending Basic on every call would pay it each time.
  // After one slow success the SHA-256 of what was presented is remembered and compared instead.
  private volatile String verifiedFastHash;

  AdminAccount(String user, String passwordHash) {
    this.user = user;
    this.passwordHash = passwordHash;
  }

  /**
   * Reads or creates the administrator.
   *
   * @param configured the environment's value of a name, if set
   * @param stored reads an internal value from the database
   * @param store writes an internal value to the database
   */
  public static AdminAccount bootstrap(
      Function<String, Optional<String>> configured,
      Function<String, Optional<String>> stored,
      StoreFunction store,
      Path dataDir) {
    String user =
        configured
            .apply("CAST2MD_ADMIN_USER")
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .orElse(DEFAULT_USER);
    Optional<String> password =
        configured.apply("CAST2MD_ADMIN_PASSWORD").filter(s -> !s.isBlank());
    if (password.isPresent()) {
      return new AdminAccount(user, PasswordHash.hash(password.get()));
    }
    Optional<String> hash = stored.apply(STORED_HASH);
    if (hash.isPresent()) {
      return new AdminAccount(user, hash.get());
    }
    String generated = NodeKeys.newSecret();
    String newHash = PasswordHash.hash(generated);
    store.store(STORED_HASH, newHash);
    Path file = SecretFiles.writeOwnerOnly(dataDir, PASSWORD_FILE, generated);
    // the one time this password is ever printed: it was generated here and no one else has it
    LOG.warning(
        "Generated the administrator password for user '"
            + user
            + "' (shown once; also in "
            + file
            + "): "
            + generated
            + " - set CAST2MD_ADMIN_PASSWORD to choose your own.");
    return new AdminAccount(user, newHash);
  }

  /** Writes a value to the database. */
  @FunctionalInterface
  public interface StoreFunction {
    void store(String key, String value);
  }

  public String user() {
    return user;
  }

  /** Checks a user name and password (constant time for the name, slow hash for the password). */
  public boolean verify(String name, String password) {
    if (name == null || password == null) {
      return false;
    }
    boolean nameOk = PasswordHash.constantTimeEquals(name, user);
    String fast = NodeKeys.hash(user + ":" + password);
    String remembered = verifiedFastHash;
    if (remembered != null && PasswordHash.constantTimeEquals(fast, remembered)) {
      return nameOk;
    }
    if (!PasswordHash.verify(password, passwordHash)) {
      return false;
    }
    verifiedFastHash = fast;
    return nameOk;
  }
}
