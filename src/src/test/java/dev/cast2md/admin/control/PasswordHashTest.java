package dev.cast2md.admin.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
  @Test
  void aHashVerifiesItsPasswordAndNoOther() {
    String hash = PasswordHash.hash("correct horse", 1_000);
    assertTrue(hash.startsWith("pbkdf2-sha256$1000$"), hash);
    assertTrue(PasswordHash.verify("correct horse", hash));
    assertFalse(PasswordHash.verify("correct horse ", hash));
    assertFalse(PasswordHash.verify("", hash));
    assertFalse(PasswordHash.verify(null, hash));
  }

  @Test
  void theSameUnsaltedPasswordHashesDifferentlyEachTime() {
    assertNotEquals(PasswordHash.hash("pw", 1_000), PasswordHash.hash("pw", 1_000));
  }

  @Test
  void aMalformedOrForeignHashVerifiesNothing() {
    assertFalse(PasswordHash.verify("pw", null));
    assertFalse(PasswordHash.verify("pw", "pw"));
    assertFalse(PasswordHash.verify("pw", "md5$1$abc$def"));
    assertFalse(PasswordHash.verify("pw", "pbkdf2-sha256$x$abc$def"));
    assertFalse(PasswordHash.verify("pw", "pbkdf2-sha256$1000$!!!$def"));
  }

  @Test
  void theDefaultCostIsTheOneStored() {
    assertTrue(
        PasswordHash.hash("pw").startsWith("pbkdf2-sha256$" + PasswordHash.ITERATIONS + "$"));
  }
}
