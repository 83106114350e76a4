package dev.cast2md.pods.control;

import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;

class PodLifecycleH2Test extends PodLifecycleContract {
  @Override
  SimplePool newPool(int size) {
    return TestDatabases.h2(size);
  }
}
