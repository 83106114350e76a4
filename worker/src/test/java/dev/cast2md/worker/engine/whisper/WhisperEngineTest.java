package dev.cast2md.worker.engine.whisper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.TimedText;
import dev.cast2md.worker.engine.TinyModels;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.TranscriberFactory;
import dev.cast2md.worker.logging.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** whisper.cpp v1.7.1 through whisper-jni, on a random-weight ggml model the project generates. */
class WhisperEngineTest {
  @TempDir Path dir;

  private Transcriber engine(String model, Map<String, String> extra) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("NODE_MODEL_CACHE", dir.resolve("cache").toString());
    env.put("NODE_MODEL_DOWNLOAD", "0");
    env.put("WHISPER_THREADS", "2");
    env.putAll(extra);
    return TranscriberFactory.create(
        new EngineSettings("whisper", model, null, null, 1, 0, 0, dir.resolve("work"), env));
  }

  @Test
  void aRandomTinyModelProducesTimedSegments() throws Exception {
    float[] jfk = TinyModels.jfk(dir);
    try (Transcriber whisper =
        engine(TinyModels.whisper().toString(), Map.of("WHISPER_LANGUAGE", "en"))) {
      whisper.load();
      assertTrue(whisper.device().startsWith("cpu"), whisper.device());
      long start = System.nanoTime();
      List<ChunkTranscript> answers = whisper.transcribe(List.of(new AudioChunk(4, 30, jfk)));
      double seconds = (System.nanoTime() - start) / 1e9;
      ChunkTranscript answer = answers.get(0);
      EventLog.info(
          "tiny whisper: %.1f s of audio in %.2f s, %d segments, first %s",
          jfk.length / 16000.0,
          seconds,
          answer.items().size(),
          answer.items().isEmpty() ? "-" : answer.items().get(0));
      assertEquals(4, answer.index());
      assertEquals("en", answer.language());
      assertFalse(answer.items().isEmpty(), "random weights still decode some tokens");
      double length = jfk.length / 16000.0;
      for (TimedText segment : answer.items()) {
        assertFalse(segment.text().isBlank());
        assertTrue(segment.start() >= 0 && segment.start() <= segment.end(), segment.toString());
        assertTrue(segment.end() <= length, "times are relative to the chunk: " + segment);
      }
    }
  }

  @Test
  void languageDetectionLeavesTheLanguageOpen() throws Exception {
    try (Transcriber whisper = engine(TinyModels.whisper().toString(), Map.of())) {
      ChunkTranscript answer =
          whisper.transcribe(List.of(new AudioChunk(0, 0, TinyModels.jfk(dir)))).get(0);
      assertEquals(null, answer.language(), "whisper-jni does not report what it detected");
      assertFalse(answer.items().isEmpty());
    }
  }

  @Test
  void aCorruptModelFileIsAClearErrorNotACrash() throws Exception {
    Path garbage = dir.resolve("ggml-garbage.bin");
    Files.write(garbage, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    try (Transcriber whisper = engine(garbage.toString(), Map.of())) {
      EngineException e = assertThrows(EngineException.class, whisper::load);
      assertTrue(e.getMessage().contains("could not load the model"), e.getMessage());
      assertTrue(e.getMessage().contains("bad magic"), "whisper.cpp says why: " + e.getMessage());
    }
  }

  @Test
  void aTruncatedModelIsAClearErrorToo() throws Exception {
    byte[] model = Files.readAllBytes(TinyModels.whisper());
    Path truncated = dir.resolve("ggml-truncated.bin");
    Files.write(truncated, java.util.Arrays.copyOf(model, model.length / 2));
    try (Transcriber whisper = engine(truncated.toString(), Map.of())) {
      EngineException e = assertThrows(EngineException.class, whisper::load);
      assertTrue(e.getMessage().contains("could not load the model"), e.getMessage());
    }
  }

  @Test
  void modelsOfAnotherEngineOrUnknownNamesAreRefusedBeforeAnythingLoads() {
    EngineException e =
        assertThrows(EngineException.class, () -> engine("parakeet-tdt-0.6b-v3", Map.of()));
    assertTrue(e.getMessage().contains("is a parakeet model"), e.getMessage());
    assertTrue(e.getMessage().contains("large-v3-turbo"), "names what it serves");
    e = assertThrows(EngineException.class, () -> engine("tiny.en", Map.of()));
    assertTrue(e.getMessage().contains("unknown whisper model"), e.getMessage());
  }

  @Test
  void askingForCudaOnCpuNativesFailsLoudly() throws Exception {
    try (Transcriber whisper =
        engine(TinyModels.whisper().toString(), Map.of("NODE_DEVICE", "cuda"))) {
      EngineException e = assertThrows(EngineException.class, whisper::load);
      assertTrue(e.getMessage().contains("WHISPER_LIBDIR"), e.getMessage());
    }
  }
}
