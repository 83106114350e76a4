package dev.cast2md.batch.control;

import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;

class BacklogPostgresTest extends BacklogContract {
  @Override
  SimplePool newPool(int size) {
    return TestDatabases.postgres(size);
  }
}
