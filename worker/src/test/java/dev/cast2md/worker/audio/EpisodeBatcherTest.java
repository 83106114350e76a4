package dev.cast2md.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.TimedText;
import dev.cast2md.worker.engine.Transcriber;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several episodes through one engine: shared calls, answers routed home, failures kept apart. */
class EpisodeBatcherTest {
  @TempDir Path dir;

  /** An episode of {@code chunks} one-second chunks whose samples all equal {@code level}. */
  private record Episode(long id, DecodedAudio audio, List<ChunkSpan> plan) {}

  private Episode episode(long id, int chunks, float level) throws IOException {
    int samples = chunks * AudioChunk.SAMPLE_RATE;
    float[] values = new float[samples];
    Arrays.fill(values, level);
    Path pcm = dir.resolve("episode-" + id + ".f32");
    ByteBuffer bytes = ByteBuffer.allocate(samples * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    Files.write(pcm, bytes.array());
    List<ChunkSpan> plan = new ArrayList<>();
    for (int i = 0; i < chunks; i++) {
      long start = (long) i * AudioChunk.SAMPLE_RATE;
      long end = start + AudioChunk.SAMPLE_RATE;
      plan.add(new ChunkSpan(i, start, end, start, end));
    }
    return new Episode(id, new DecodedAudio(pcm, samples), plan);
  }

  /**
   * Hears in each chunk a word made of the chunk's level and where it starts in its episode, so an
   * answer routed to the wrong episode or chunk shows; fails on any call holding {@code poison}.
   */
  private static class HearingEngine implements Transcriber {
    final List<List<Float>> calls = new ArrayList<>();
    float poison = Float.NaN;

    @Override
    public List<ChunkTranscript> transcribe(List<AudioChunk> batch) throws EngineException {
      calls.add(batch.stream().map(c -> c.samples()[0]).toList());
      List<ChunkTranscript> answers = new ArrayList<>();
      for (AudioChunk chunk : batch) {
        if (chunk.samples()[0] == poison) {
          throw new EngineException("cannot take level " + poison);
        }
        String word = "level" + Math.round(chunk.samples()[0] * 100) + "at" + chunk.offsetSeconds();
        answers.add(
            new ChunkTranscript(chunk.index(), List.of(new TimedText(0.2, 0.6, word)), "xx"));
      }
      return answers;
    }

    @Override
    public String engine() {
      return "hearing";
    }

    @Override
    public String model() {
      return "test";
    }

    @Override
    public void load() {}

    @Override
    public String device() {
      return "test";
    }

    @Override
    public int maxChunkSeconds() {
      return 1;
    }
  }

  private static Transcript alone(Episode episode) throws Exception {
    return EpisodeTranscription.run(episode.audio(), episode.plan(), new HearingEngine(), p -> {});
  }

  /** Steps until every episode ended; outcomes in the order they came. */
  private static List<EpisodeBatcher.Outcome> drain(EpisodeBatcher batcher) throws Exception {
    List<EpisodeBatcher.Outcome> outcomes = new ArrayList<>();
    for (int i = 0; i < 100 && !batcher.isEmpty(); i++) {
      outcomes.addAll(batcher.step());
    }
    assertTrue(batcher.isEmpty(), "the batcher ends");
    return outcomes;
  }

  private static void add(EpisodeBatcher batcher, Episode episode, Map<Long, List<Integer>> seen) {
    batcher.add(
        episode.id(),
        episode.audio(),
        episode.plan(),
        p -> seen.computeIfAbsent(episode.id(), id -> new ArrayList<>()).add(p));
  }

  @Test
  void callsAreFilledAcrossEpisodesOldestFirstAndEachEpisodeGetsItsOwnTranscript()
      throws Exception {
    Episode a = episode(1, 3, 0.1f);
    Episode b = episode(2, 2, 0.2f);
    Episode c = episode(3, 2, 0.3f);
    HearingEngine engine = new HearingEngine();
    EpisodeBatcher batcher = new EpisodeBatcher(engine, 4);
    Map<Long, List<Integer>> progress = new TreeMap<>();
    add(batcher, a, progress);
    assertEquals(1, batcher.room(), "three chunks of four left for the first call");
    add(batcher, b, progress);
    add(batcher, c, progress);

    List<EpisodeBatcher.Outcome> first = batcher.step();
    assertEquals(List.of(1L), first.stream().map(EpisodeBatcher.Outcome::id).toList());
    List<EpisodeBatcher.Outcome> second = batcher.step();
    assertEquals(List.of(2L, 3L), second.stream().map(EpisodeBatcher.Outcome::id).toList());
    assertTrue(batcher.isEmpty());

    assertEquals(
        List.of(List.of(0.1f, 0.1f, 0.1f, 0.2f), List.of(0.2f, 0.3f, 0.3f)),
        engine.calls,
        "the oldest episode's chunks first, then the next one's");
    assertEquals(alone(a), first.get(0).transcript());
    assertEquals(alone(b), second.get(0).transcript());
    assertEquals(alone(c), second.get(1).transcript());
    assertTrue(second.get(1).transcript().markdown().contains("level30at1.0"));
    assertEquals("xx", second.get(1).transcript().language());
    assertEquals(Map.of(1L, List.of(100), 2L, List.of(50, 100), 3L, List.of(100)), progress);
  }

  @Test
  void anEpisodeTheEngineCannotTakeFailsAloneAndTheOthersFinish() throws Exception {
    Episode a = episode(1, 2, 0.1f);
    Episode bad = episode(2, 2, 0.5f);
    Episode c = episode(3, 1, 0.3f);
    HearingEngine engine = new HearingEngine();
    engine.poison = 0.5f;
    EpisodeBatcher batcher = new EpisodeBatcher(engine, 8);
    add(batcher, a, new TreeMap<>());
    add(batcher, bad, new TreeMap<>());
    add(batcher, c, new TreeMap<>());

    List<EpisodeBatcher.Outcome> outcomes = batcher.step();
    assertTrue(batcher.isEmpty());
    assertEquals(List.of(2L, 1L, 3L), outcomes.stream().map(EpisodeBatcher.Outcome::id).toList());
    assertInstanceOf(EngineException.class, outcomes.get(0).failure());
    assertNull(outcomes.get(0).transcript());
    assertEquals(alone(a), outcomes.get(1).transcript());
    assertEquals(alone(c), outcomes.get(2).transcript());
    assertEquals(
        List.of(
            List.of(0.1f, 0.1f, 0.5f, 0.5f, 0.3f),
            List.of(0.1f, 0.1f),
            List.of(0.5f, 0.5f),
            List.of(0.3f)),
        engine.calls,
        "the shared call, then each episode on its own");
  }

  @Test
  void audioThatCannotBeReadFailsThatEpisodeOnly() throws Exception {
    Episode a = episode(1, 1, 0.1f);
    Episode gone = episode(2, 1, 0.2f);
    Files.delete(gone.audio().pcmFile());
    HearingEngine engine = new HearingEngine();
    EpisodeBatcher batcher = new EpisodeBatcher(engine, 8);
    add(batcher, a, new TreeMap<>());
    add(batcher, gone, new TreeMap<>());

    List<EpisodeBatcher.Outcome> outcomes = drain(batcher);
    assertEquals(List.of(2L, 1L), outcomes.stream().map(EpisodeBatcher.Outcome::id).toList());
    assertInstanceOf(NoSuchFileException.class, outcomes.get(0).failure());
    assertEquals(alone(a), outcomes.get(1).transcript());
    assertEquals(List.of(List.of(0.1f)), engine.calls);
  }

  @Test
  void aDroppedEpisodeSendsNoMoreChunks() throws Exception {
    Episode a = episode(1, 3, 0.1f);
    Episode b = episode(2, 3, 0.2f);
    HearingEngine engine = new HearingEngine();
    EpisodeBatcher batcher = new EpisodeBatcher(engine, 2);
    add(batcher, a, new TreeMap<>());
    add(batcher, b, new TreeMap<>());
    assertTrue(batcher.step().isEmpty());
    assertTrue(batcher.drop(1));
    assertFalse(batcher.drop(1));
    List<EpisodeBatcher.Outcome> outcomes = drain(batcher);
    assertEquals(List.of(2L), outcomes.stream().map(EpisodeBatcher.Outcome::id).toList());
    assertEquals(alone(b), outcomes.get(0).transcript());
    assertEquals(List.of(List.of(0.1f, 0.1f), List.of(0.2f, 0.2f), List.of(0.2f)), engine.calls);
  }

  @Test
  void anEngineThatAnswersTheWrongChunksFailsTheEpisodeInsteadOfMixingThemUp() throws Exception {
    Episode a = episode(1, 2, 0.1f);
    Transcriber shuffling =
        new HearingEngine() {
          @Override
          public List<ChunkTranscript> transcribe(List<AudioChunk> batch) throws EngineException {
            List<ChunkTranscript> answers = new ArrayList<>(super.transcribe(batch));
            java.util.Collections.reverse(answers);
            return answers;
          }
        };
    EpisodeBatcher batcher = new EpisodeBatcher(shuffling, 2);
    add(batcher, a, new TreeMap<>());
    List<EpisodeBatcher.Outcome> outcomes = batcher.step();
    assertTrue(outcomes.get(0).failed());
    assertTrue(outcomes.get(0).failure().getMessage().contains("answered chunk 1 where 0"));
  }
}
