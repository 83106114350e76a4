package dev.cast2md.queue.control;

import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;

class JobQueuePostgresTest extends JobQueueContract {
  @Override
  SimplePool newPool(int size) {
    return TestDatabases.postgres(size);
  }
}
