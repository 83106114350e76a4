package dev.cast2md.worker.engine.parakeet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.audio.ChunkSpan;
import dev.cast2md.worker.audio.DecodedAudio;
import dev.cast2md.worker.audio.EpisodeBatcher;
import dev.cast2md.worker.audio.EpisodeTranscription;
import dev.cast2md.worker.audio.SilenceChunker;
import dev.cast2md.worker.audio.Transcript;
import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.TinyModels;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.TranscriberFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunks of three episodes in one encoder batch of the tiny Parakeet model: each episode gets
 * exactly the transcript (words, times) it gets when transcribed alone, chunk by chunk.
 */
class ParakeetAcrossEpisodesTest {
  @TempDir Path dir;

  private record Episode(long id, DecodedAudio audio, List<ChunkSpan> plan) {}

  private Transcriber parakeet(int batch) throws Exception {
    Map<String, String> env =
        Map.of(
            "NODE_DEVICE",
            "cpu",
            "NODE_MODEL_DOWNLOAD",
            "0",
            "NODE_MODEL_CACHE",
            dir.resolve("cache").toString(),
            "PARAKEET_BATCH",
            String.valueOf(batch));
    return TranscriberFactory.create(
        new EngineSettings(
            "parakeet",
            TinyModels.parakeet().toString(),
            null,
            null,
            1,
            0,
            0,
            dir.resolve("work"),
            env));
  }

  private Episode episode(long id, float[] samples) throws Exception {
    Path pcm = dir.resolve("episode-" + id + ".f32");
    ByteBuffer bytes = ByteBuffer.allocate(samples.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(samples);
    Files.write(pcm, bytes.array());
    DecodedAudio audio = new DecodedAudio(pcm, samples.length);
    return new Episode(id, audio, new SilenceChunker(12, 1.0).plan(audio));
  }

  /** Counts the engine calls and their chunks; with PARAKEET_BATCH above those, one per call. */
  private static final class CountingEngine implements Transcriber {
    private final Transcriber engine;
    final List<Integer> calls = new ArrayList<>();

    CountingEngine(Transcriber engine) {
      this.engine = engine;
    }

    @Override
    public List<ChunkTranscript> transcribe(List<AudioChunk> batch)
        throws EngineException, InterruptedException {
      calls.add(batch.size());
      return engine.transcribe(batch);
    }

    @Override
    public String engine() {
      return engine.engine();
    }

    @Override
    public String model() {
      return engine.model();
    }

    @Override
    public void load() throws EngineException {
      engine.load();
    }

    @Override
    public String device() {
      return engine.device();
    }

    @Override
    public int maxChunkSeconds() {
      return engine.maxChunkSeconds();
    }

    @Override
    public int batchSize() {
      return engine.batchSize();
    }
  }

  @Test
  void threeEpisodesInOneEncoderBatchGetExactlyTheirOwnTranscripts() throws Exception {
    float[] jfk = TinyModels.jfk(dir);
    float[] twice = Arrays.copyOf(jfk, 2 * jfk.length);
    System.arraycopy(jfk, 0, twice, jfk.length, jfk.length);
    List<Episode> episodes =
        List.of(
            episode(1, jfk),
            episode(2, twice),
            episode(3, Arrays.copyOfRange(jfk, 16000, 6 * 16000)));
    int chunks = episodes.stream().mapToInt(e -> e.plan().size()).sum();
    assertTrue(chunks >= 4 && chunks <= 8, chunks + " chunks");

    List<Transcript> alone = new ArrayList<>();
    try (Transcriber single = parakeet(1)) {
      for (Episode episode : episodes) {
        alone.add(EpisodeTranscription.run(episode.audio(), episode.plan(), single, p -> {}));
      }
    }

    List<EpisodeBatcher.Outcome> outcomes = new ArrayList<>();
    try (Transcriber batched = parakeet(8)) {
      CountingEngine counting = new CountingEngine(batched);
      EpisodeBatcher batcher = new EpisodeBatcher(counting, 8);
      for (Episode episode : episodes) {
        batcher.add(episode.id(), episode.audio(), episode.plan(), p -> {});
      }
      outcomes.addAll(batcher.step());
      assertTrue(batcher.isEmpty());
      assertEquals(List.of(chunks), counting.calls, "every chunk in one encoder batch");
    }

    assertEquals(List.of(1L, 2L, 3L), outcomes.stream().map(EpisodeBatcher.Outcome::id).toList());
    for (int i = 0; i < episodes.size(); i++) {
      assertFalse(outcomes.get(i).failed(), String.valueOf(outcomes.get(i).failure()));
      assertFalse(alone.get(i).isEmpty(), "the random model hears something in episode " + i);
      assertEquals(alone.get(i), outcomes.get(i).transcript(), "episode " + (i + 1));
    }
  }
}
