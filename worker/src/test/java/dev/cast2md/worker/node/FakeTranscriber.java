package dev.cast2md.worker.node;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.TimedText;
import dev.cast2md.worker.engine.Transcriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Hears "hello world" in every chunk; can be told to hang (until interrupted), to fail, or to die
 * with an error no catch expects (as a crashing native engine would).
 */
final class FakeTranscriber implements Transcriber {
  volatile boolean hang;
  volatile boolean fail;
  volatile boolean die;
  final CountDownLatch started = new CountDownLatch(1);

  @Override
  public String engine() {
    return "fake";
  }

  @Override
  public String model() {
    return "fake-model";
  }

  @Override
  public void load() {}

  @Override
  public List<ChunkTranscript> transcribe(List<AudioChunk> batch)
      throws EngineException, InterruptedException {
    started.countDown();
    if (hang) {
      Thread.sleep(Long.MAX_VALUE);
    }
    if (fail) {
      throw new EngineException("device lost");
    }
    if (die) {
      throw new InternalError("engine crashed (simulated)");
    }
    List<ChunkTranscript> out = new ArrayList<>();
    for (AudioChunk chunk : batch) {
      out.add(
          new ChunkTranscript(
              chunk.index(),
              List.of(new TimedText(0.1, 0.5, "hello"), new TimedText(0.6, 1.0, "world")),
              "en"));
    }
    return out;
  }

  @Override
  public String device() {
    return "test";
  }

  @Override
  public int maxChunkSeconds() {
    return 30;
  }
}
