package dev.cast2md.worker.audio;

import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.Transcriber;
import java.io.IOException;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Feeds one decoded, planned episode to the engine, {@link Transcriber#batchSize()} chunks per
 * call, and turns the answers into the transcript: merge at the joins, phrases, Markdown. Chunks
 * are read from disk one call at a time, so memory does not grow with the episode. The worker uses
 * {@link EpisodeBatcher} itself, which can also share calls between episodes.
 */
public final class EpisodeTranscription {
  private EpisodeTranscription() {}

  public static Transcript run(
      DecodedAudio audio, List<ChunkSpan> plan, Transcriber transcriber, IntConsumer progress)
      throws IOException, EngineException, InterruptedException {
    EpisodeBatcher batcher = new EpisodeBatcher(transcriber, Math.max(1, transcriber.batchSize()));
    batcher.add(0, audio, plan, progress);
    while (true) {
      for (EpisodeBatcher.Outcome outcome : batcher.step()) {
        if (!outcome.failed()) {
          return outcome.transcript();
        }
        Exception failure = outcome.failure();
        if (failure instanceof IOException io) {
          throw io;
        }
        if (failure instanceof EngineException engine) {
          throw engine;
        }
        throw (RuntimeException) failure;
      }
    }
  }
}
