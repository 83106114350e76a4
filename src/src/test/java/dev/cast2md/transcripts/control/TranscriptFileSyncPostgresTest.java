package dev.cast2md.transcripts.control;

import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;

class TranscriptFileSyncPostgresTest extends TranscriptFileSyncTest {
  @Override
  SimplePool newPool() {
    return TestDatabases.postgres(2);
  }
}
