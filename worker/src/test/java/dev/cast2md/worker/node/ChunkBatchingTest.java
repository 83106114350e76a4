package dev.cast2md.worker.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** NODE_BATCH_CHUNKS against engines that do and do not batch across episodes. */
class ChunkBatchingTest {
  private static FakeTranscriber engine(boolean acrossEpisodes, int batch) {
    FakeTranscriber engine = new FakeTranscriber();
    engine.acrossEpisodes = acrossEpisodes;
    engine.batch = batch;
    return engine;
  }

  @Test
  void unsetMeansTheEnginesOwnBatchSharedAcrossJobs() {
    assertEquals(new ChunkBatching(8, true), ChunkBatching.of(engine(true, 8), Map.of()));
    assertEquals(
        new ChunkBatching(8, true),
        ChunkBatching.of(engine(true, 8), Map.of("NODE_BATCH_CHUNKS", " 0 ")));
  }

  @Test
  void anExplicitSizeWinsAndOneMeansOneJobAtATime() {
    assertEquals(
        new ChunkBatching(16, true),
        ChunkBatching.of(engine(true, 8), Map.of("NODE_BATCH_CHUNKS", "16")));
    assertEquals(
        new ChunkBatching(8, false),
        ChunkBatching.of(engine(true, 8), Map.of("NODE_BATCH_CHUNKS", "1")),
        "as before: the engine's batch from one job per call");
    assertEquals(
        new ChunkBatching(1, false), ChunkBatching.of(engine(true, 1), Map.of()), "a CPU engine");
  }

  @Test
  void enginesThatDoNotBatchAcrossEpisodesKeepTheirOwnWay() {
    assertEquals(
        new ChunkBatching(4, false),
        ChunkBatching.of(engine(false, 4), Map.of("NODE_BATCH_CHUNKS", "16")));
  }

  @Test
  void aMalformedValueSaysWhichVariable() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ChunkBatching.of(engine(true, 8), Map.of("NODE_BATCH_CHUNKS", "-2")));
    assertTrue(e.getMessage().contains("NODE_BATCH_CHUNKS"), e.getMessage());
  }
}
