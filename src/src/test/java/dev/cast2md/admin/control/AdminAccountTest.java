package dev.cast2md.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminAccountTest {
  @TempDir Path dataDir;
  final Map<String, String> env = new HashMap<>();
  final Map<String, String> db = new HashMap<>();
  final List<String> log = new CopyOnWriteArrayList<>();
  final Logger logger = Logger.getLogger(AdminAccount.class.getName());
  final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          log.add(r.getMessage());
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    logger.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    logger.removeHandler(capture);
  }

  AdminAccount start() {
    return AdminAccount.bootstrap(
        n -> Optional.ofNullable(env.get(n)),
        k -> Optional.ofNullable(db.get(k)),
        db::put,
        dataDir);
  }

  @Test
  void aConfiguredPasswordIsUsedAndNothingIsGeneratedOrStored() {
    env.put("CAST2MD_ADMIN_PASSWORD", "s3cret");
    AdminAccount a = start();
    assertEquals("admin", a.user());
    assertTrue(a.verify("admin", "s3cret"));
    assertFalse(a.verify("admin", "other"));
    assertFalse(a.verify("root", "s3cret"));
    assertTrue(db.isEmpty());
    assertFalse(Files.exists(dataDir.resolve(AdminAccount.PASSWORD_FILE)));
    assertTrue(log.stream().noneMatch(m -> m.contains("s3cret")), "never logged");
  }

  @Test
  void theUserNameComesFromTheEnvironment() {
    env.put("CAST2MD_ADMIN_USER", "operator");
    env.put("CAST2MD_ADMIN_PASSWORD", "pw");
    AdminAccount a = start();
    assertEquals("operator", a.user());
    assertTrue(a.verify("operator", "pw"));
    assertFalse(a.verify("admin", "pw"));
  }

  @Test
  void withoutOneAPasswordIsGeneratedPrintedOnceWrittenPrivatelyAndOnlyItsHashStored()
      throws Exception {
    AdminAccount first = start();
    Path file = dataDir.resolve(AdminAccount.PASSWORD_FILE);
    String generated = Files.readString(file).trim();
    assertEquals(43, generated.length());
    assertEquals(
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
        Files.getPosixFilePermissions(file));
    assertTrue(first.verify("admin", generated));
    String stored = db.get(AdminAccount.STORED_HASH);
    assertTrue(stored.startsWith("pbkdf2-sha256$"), stored);
    assertFalse(stored.contains(generated));
    assertEquals(1, log.stream().filter(m -> m.contains(generated)).count(), "printed once");

    // the next start finds the stored hash: the same password, nothing printed again
    log.clear();
    AdminAccount second = start();
    assertTrue(second.verify("admin", generated));
    assertTrue(log.stream().noneMatch(m -> m.contains(generated)));
  }

  @Test
  void aRememberedSuccessDoesNotLetAnotherPasswordIn() {
    env.put("CAST2MD_ADMIN_PASSWORD", "right");
    AdminAccount a = start();
    assertTrue(a.verify("admin", "right"));
    assertTrue(a.verify("admin", "right"), "the fast path");
    assertFalse(a.verify("admin", "wrong"));
    assertFalse(a.verify("other", "right"), "the fast path still checks the name");
    assertFalse(a.verify(null, "right"));
    assertFalse(a.verify("admin", null));
  }
}
