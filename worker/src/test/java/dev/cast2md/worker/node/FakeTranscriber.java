package dev.cast2md.worker.node;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.TimedText;
import dev.cast2md.worker.engine.Transcriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hears "hello world" in every chunk; can be told to hang (until interrupted), to fail, or to die
 * with an error no catch expects (as a crashing native engine would). As a batching engine it takes
 * chunks of several episodes per call, hears each chunk's length ("len3" in three seconds), fails
 * every call holding a chunk of {@code poisonSeconds}, and holds chosen calls until released.
 */
final class FakeTranscriber implements Transcriber {
  volatile boolean hang;
  volatile boolean fail;
  volatile boolean die;
  final CountDownLatch started = new CountDownLatch(1);
  volatile boolean acrossEpisodes;
  volatile int batch = 1;
  volatile boolean hearsLength;
  volatile int poisonSeconds = -1;

  /** Call n (from 0) waits for {@code holds.get(n)}, where there is one. */
  final List<CountDownLatch> holds = new CopyOnWriteArrayList<>();

  /** The chunk lengths of each call in whole seconds, as the call starts. */
  final BlockingQueue<List<Integer>> calls = new LinkedBlockingQueue<>();

  private final AtomicInteger callNumber = new AtomicInteger();

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
    List<Integer> seconds = batch.stream().map(FakeTranscriber::seconds).toList();
    calls.add(seconds);
    int call = callNumber.getAndIncrement();
    if (call < holds.size()) {
      holds.get(call).await();
    }
    if (seconds.contains(poisonSeconds)) {
      throw new EngineException("cannot take " + poisonSeconds + " s of audio");
    }
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
              hearsLength
                  ? List.of(new TimedText(0.1, 0.5, "len" + seconds(chunk)))
                  : List.of(new TimedText(0.1, 0.5, "hello"), new TimedText(0.6, 1.0, "world")),
              "en"));
    }
    return out;
  }

  private static int seconds(AudioChunk chunk) {
    return (int) Math.round(chunk.durationSeconds());
  }

  @Override
  public int batchSize() {
    return batch;
  }

  @Override
  public boolean batchesAcrossEpisodes() {
    return acrossEpisodes;
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
