package dev.cast2md.batch.control;

import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;

class BacklogH2Test extends BacklogContract {
  @Override
  SimplePool newPool(int size) {
    return TestDatabases.h2(size);
  }
}
