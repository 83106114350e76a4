package dev.cast2md.transcripts.control;

import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;

class TranscriptSearchPostgresTest extends TranscriptSearchTest {
  @Override
  SimplePool newPool() {
    return TestDatabases.postgres(2);
  }
}
