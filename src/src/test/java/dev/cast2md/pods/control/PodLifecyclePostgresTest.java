package dev.cast2md.pods.control;

import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;

class PodLifecyclePostgresTest extends PodLifecycleContract {
  @Override
  SimplePool newPool(int size) {
    return TestDatabases.postgres(size);
  }
}
