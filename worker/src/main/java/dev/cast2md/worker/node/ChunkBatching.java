package dev.cast2md.worker.node;

import dev.cast2md.worker.engine.EnvValues;
import dev.cast2md.worker.engine.Transcriber;
import java.util.Map;

/**
 * How the worker fills an engine call: at most {@code chunksPerCall} chunks, and whether chunks of
 * the prefetched jobs may join the current job's ({@code acrossJobs}).
 *
 * <p>{@code NODE_BATCH_CHUNKS} sets the chunks per call for an engine that batches across episodes
 * (Parakeet); unset or 0 means the engine's own batch size (Parakeet: {@code PARAKEET_BATCH}, 8 on
 * a GPU, meant for two-minute chunks on a 24 GB card but not yet measured with the real model, 1 on
 * the CPU, where a batch only adds padding). 1 turns sharing off: one job at a time, the engine's
 * batch size per call, as before. Other engines always get one job's chunks, their own batch size
 * at a time.
 */
public record ChunkBatching(int chunksPerCall, boolean acrossJobs) {
  public static final String VARIABLE = "NODE_BATCH_CHUNKS";

  public ChunkBatching {
    if (chunksPerCall < 1) {
      throw new IllegalArgumentException("chunks per call must be at least 1");
    }
  }

  /** One job at a time, the engine's batch size per call. */
  public static ChunkBatching perJob(Transcriber transcriber) {
    return new ChunkBatching(Math.max(1, transcriber.batchSize()), false);
  }

  /** For a loaded engine ({@link Transcriber#batchSize()} may depend on the device it found). */
  public static ChunkBatching of(Transcriber transcriber, Map<String, String> env) {
    if (!transcriber.batchesAcrossEpisodes()) {
      return perJob(transcriber);
    }
    int wanted = EnvValues.nonNegative(env, VARIABLE, 0);
    if (wanted == 0) {
      wanted = Math.max(1, transcriber.batchSize());
    }
    return wanted == 1 ? perJob(transcriber) : new ChunkBatching(wanted, true);
  }

  @Override
  public String toString() {
    return chunksPerCall
        + " chunks per call"
        + (acrossJobs ? " across jobs" : ", one job at a time");
  }
}
