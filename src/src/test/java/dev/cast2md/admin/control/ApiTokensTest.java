package dev.cast2md.admin.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.admin.entity.ApiToken;
import dev.cast2md.nodes.control.NodeKeys;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.testing.MutableClock;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiTokensTest {
  SimplePool pool;
  Database db;
  MutableClock clock;
  ApiTokens tokens;

  @BeforeEach
  void setUp() {
    pool = TestDatabases.h2(2);
    db = new Database(pool);
    clock = MutableClock.startingNow();
    tokens = new ApiTokens(db, clock);
  }

  @AfterEach
  void tearDown() {
    pool.close();
  }

  @Test
  void aTokenAuthenticatesAndOnlyItsHashIsStored() {
    ApiTokens.Created c = tokens.create("backup script");
    assertTrue(c.token().startsWith("c2m_"), c.token());
    assertEquals(4 + 43, c.token().length());
    assertEquals(c.listing().id(), tokens.authenticate(c.token()).orElseThrow().id());
    List<String> stored =
        db.inTransaction(
            c2 -> Sql.query(c2, "SELECT token_hash FROM api_token", rs -> rs.getString(1)));
    assertEquals(List.of(NodeKeys.hash(c.token())), stored);
    ApiToken listed = tokens.list().get(0);
    assertEquals("backup script", listed.name());
    assertTrue(c.token().startsWith(listed.prefix()));
    assertTrue(listed.prefix().length() < 12, "a prefix, not the token");
  }

  @Test
  void wrongMalformedAndRevokedTokensAreRefused() {
    ApiTokens.Created c = tokens.create("t");
    assertTrue(tokens.authenticate(c.token() + "x").isEmpty());
    assertTrue(tokens.authenticate(c.token().substring(4)).isEmpty(), "without its prefix");
    assertTrue(tokens.authenticate(null).isEmpty());
    assertTrue(tokens.authenticate("c2m_" + "a".repeat(500)).isEmpty());
    assertTrue(tokens.revoke(c.listing().id()));
    assertFalse(tokens.revoke(c.listing().id()), "already revoked");
    assertTrue(tokens.authenticate(c.token()).isEmpty());
    assertNotNull(tokens.list().get(0).revokedAt());
  }

  @Test
  void useIsRecordedAtMostOnceAMinute() {
    ApiTokens.Created c = tokens.create("t");
    tokens.authenticate(c.token());
    var first = tokens.list().get(0).lastUsedAt();
    assertNotNull(first);
    clock.advance(Duration.ofSeconds(10));
    tokens.authenticate(c.token());
    assertEquals(first, tokens.list().get(0).lastUsedAt());
    clock.advance(Duration.ofMinutes(2));
    tokens.authenticate(c.token());
    assertTrue(tokens.list().get(0).lastUsedAt().isAfter(first));
  }

  @Test
  void aTokenNeedsAName() {
    assertThrows(IllegalArgumentException.class, () -> tokens.create(" "));
    assertThrows(IllegalArgumentException.class, () -> tokens.create("x".repeat(201)));
  }
}
