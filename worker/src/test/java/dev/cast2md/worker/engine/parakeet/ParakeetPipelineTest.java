package dev.cast2md.worker.engine.parakeet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.protocol.Segment;
import dev.cast2md.worker.audio.ChunkSpan;
import dev.cast2md.worker.audio.DecodedAudio;
import dev.cast2md.worker.audio.EpisodeTranscription;
import dev.cast2md.worker.audio.SilenceChunker;
import dev.cast2md.worker.audio.Transcript;
import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.TimedText;
import dev.cast2md.worker.engine.TinyModels;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.TranscriberFactory;
import dev.cast2md.worker.logging.EventLog;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole Parakeet path on the tiny random model with the real export's signature: Java features,
 * encoder batch, TDT loop over the decoder/joint, words with times, chunk merge. The model is
 * noise, so the text is nonsense; what is checked is everything around it.
 */
class ParakeetPipelineTest {
  @TempDir Path dir;

  private Transcriber engine(String model, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("NODE_DEVICE", "cpu");
    env.put("NODE_MODEL_CACHE", dir.resolve("cache").toString());
    env.put("NODE_MODEL_DOWNLOAD", "0");
    env.putAll(extra);
    return TranscriberFactory.create(
        new EngineSettings("parakeet", model, null, null, 1, 0, 0, dir.resolve("work"), env));
  }

  private Transcriber tiny(Map<String, String> extra) throws Exception {
    return engine(TinyModels.parakeet().toString(), extra);
  }

  private static void assertWellFormed(ChunkTranscript answer, double seconds) {
    double previousStart = 0;
    for (TimedText word : answer.items()) {
      assertFalse(word.text().isBlank(), "blank word in " + answer);
      assertFalse(word.text().contains("\u2581") || word.text().contains(" "), word.text());
      assertFalse(word.text().startsWith("<"), "control piece leaked: " + word.text());
      assertTrue(word.start() >= previousStart, "words out of order: " + answer.items());
      assertTrue(word.start() <= word.end() && word.end() <= seconds + 1e-9, word.toString());
      previousStart = word.start();
    }
  }

  @Test
  void transcribesABatchOfChunksIntoWellFormedWords() throws Exception {
    float[] jfk = TinyModels.jfk(dir);
    List<AudioChunk> batch =
        List.of(
            new AudioChunk(0, 0, jfk),
            new AudioChunk(1, 11, new float[16000]),
            new AudioChunk(2, 12, new float[100]),
            new AudioChunk(3, 12.1, Arrays.copyOf(jfk, 4 * 16000)));
    try (Transcriber parakeet = tiny(Map.of("PARAKEET_BATCH", "3"))) {
      parakeet.load();
      assertTrue(parakeet.device().startsWith("cpu"), parakeet.device());
      assertEquals(3, parakeet.batchSize());
      long start = System.nanoTime();
      List<ChunkTranscript> answers = parakeet.transcribe(batch);
      double seconds = (System.nanoTime() - start) / 1e9;
      EventLog.info(
          "tiny parakeet: 4 chunks (15 s) in %.2f s on %s; jfk -> %d words, first %s",
          seconds, parakeet.device(), answers.get(0).items().size(), answers.get(0).items().get(0));
      assertEquals(List.of(0, 1, 2, 3), answers.stream().map(ChunkTranscript::index).toList());
      assertFalse(answers.get(0).items().isEmpty(), "the random model emits tokens on speech");
      assertEquals(List.of(), answers.get(2).items(), "100 samples are nothing to hear");
      for (int i = 0; i < batch.size(); i++) {
        assertWellFormed(answers.get(i), batch.get(i).durationSeconds());
      }
    }
  }

  @Test
  void batchingDoesNotChangeTheAnswer() throws Exception {
    float[] jfk = TinyModels.jfk(dir);
    List<AudioChunk> batch =
        List.of(
            new AudioChunk(0, 0, Arrays.copyOfRange(jfk, 16000, jfk.length)),
            new AudioChunk(1, 0, jfk),
            new AudioChunk(2, 0, Arrays.copyOf(jfk, 5 * 16000)));
    List<ChunkTranscript> one;
    List<ChunkTranscript> three;
    try (Transcriber single = tiny(Map.of("PARAKEET_BATCH", "1"))) {
      one = single.transcribe(batch);
    }
    try (Transcriber batched = tiny(Map.of("PARAKEET_BATCH", "3"))) {
      three = batched.transcribe(batch);
    }
    assertEquals(one, three);
  }

  @Test
  void aLongEpisodeIsChunkedTranscribedAndMerged() throws Exception {
    float[] jfk = TinyModels.jfk(dir);
    float[] episode = new float[jfk.length * 3];
    for (int i = 0; i < 3; i++) {
      System.arraycopy(jfk, 0, episode, i * jfk.length, jfk.length);
    }
    Path pcm = dir.resolve("episode.f32");
    ByteBuffer bytes = ByteBuffer.allocate(episode.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(episode);
    Files.write(pcm, bytes.array());
    DecodedAudio audio = new DecodedAudio(pcm, episode.length);
    try (Transcriber parakeet = tiny(Map.of("PARAKEET_BATCH", "2"))) {
      List<ChunkSpan> plan = new SilenceChunker(12, 1.0).plan(audio);
      assertTrue(plan.size() >= 3, "33 s in chunks of at most 12 s");
      Transcript transcript = EpisodeTranscription.run(audio, plan, parakeet, p -> {});
      assertFalse(transcript.isEmpty());
      double previous = -1;
      for (Segment segment : transcript.segments()) {
        assertTrue(segment.start() >= previous, "segments in order");
        assertTrue(segment.end() <= audio.durationSeconds() + 1e-6, segment.toString());
        assertFalse(segment.text().isBlank());
        previous = segment.start();
      }
      assertTrue(
          transcript.segments().get(transcript.segments().size() - 1).end() > 22,
          "words from the last third arrive with episode times");
    }
  }

  @Test
  void askingForCudaWithoutItIsALoudFailure() throws Exception {
    try (Transcriber parakeet = tiny(Map.of("NODE_DEVICE", "cuda"))) {
      EngineException e = assertThrows(EngineException.class, parakeet::load);
      assertTrue(e.getMessage().contains("CUDA"), e.getMessage());
      assertTrue(e.getMessage().contains("NODE_DEVICE=auto"), e.getMessage());
    }
    try (Transcriber parakeet = tiny(Map.of("NODE_DEVICE", "auto"))) {
      parakeet.load();
      assertTrue(parakeet.device().startsWith("cpu"), "auto falls back: " + parakeet.device());
    }
  }

  @Test
  void aMissingOrForeignModelIsAClearError() throws Exception {
    try (Transcriber parakeet = engine(null, Map.of())) {
      EngineException e = assertThrows(EngineException.class, parakeet::load);
      assertTrue(e.getMessage().contains("downloads are off"), e.getMessage());
    }
    EngineException refused =
        assertThrows(EngineException.class, () -> engine("large-v3", Map.of()));
    assertTrue(refused.getMessage().contains("is a whisper model"), refused.getMessage());
    Path empty = Files.createDirectories(dir.resolve("not-a-model"));
    try (Transcriber parakeet = engine(empty.toString(), Map.of())) {
      EngineException e = assertThrows(EngineException.class, parakeet::load);
      assertTrue(e.getMessage().contains("not a Parakeet TDT ONNX model"), e.getMessage());
    }
    Path corrupt = Files.createDirectories(dir.resolve("corrupt"));
    for (String name : List.of("encoder-model.onnx", "decoder_joint-model.onnx")) {
      Files.writeString(corrupt.resolve(name), "not onnx");
    }
    Files.copy(TinyModels.parakeet().resolve("vocab.txt"), corrupt.resolve("vocab.txt"));
    try (Transcriber parakeet = engine(corrupt.toString(), Map.of())) {
      EngineException e = assertThrows(EngineException.class, parakeet::load);
      assertTrue(e.getMessage().contains("cannot load"), e.getMessage());
    }
  }
}
