package dev.cast2md.feeds.control;

import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;

/** The feed tests on the real PostgreSQL: row locks, cascades and the V4 columns there. */
class FeedsPostgresTest extends FeedsTest {
  @Override
  SimplePool newPool() {
    return TestDatabases.postgres(4);
  }
}
