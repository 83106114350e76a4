package dev.cast2md.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An engine refuses a model it cannot load when it is created: before any native library, model
 * file or download, with a message that names what it does serve.
 */
class ModelRefusalTest {
  private static Transcriber create(String engine, String model) throws EngineException {
    return TranscriberFactory.create(
        new EngineSettings(
            engine,
            model,
            "true {input} {output}",
            Path.of("/nonexistent/en-us"),
            1,
            0,
            0,
            Path.of("target", "model-refusal"),
            Map.of("NODE_MODEL_DOWNLOAD", "0")));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "parakeet, large-v3, model 'large-v3' is a whisper model; the parakeet engine serves:"
        + " parakeet-tdt-0.6b-v3, parakeet-tdt-0.6b-v3-int8",
    "whisper, parakeet-tdt-0.6b-v3, model 'parakeet-tdt-0.6b-v3' is a parakeet model; the whisper"
        + " engine serves: large-v3-turbo, large-v3, large-v2, medium, small",
    "whisper, distil-large-v3, unknown whisper model 'distil-large-v3'; this engine serves:"
        + " large-v3-turbo, large-v3, large-v2, medium, small (or a path to a model)",
    "parakeet, parakeet-tdt-1.1b, unknown parakeet model 'parakeet-tdt-1.1b'",
    "sphinx, large-v3, model 'large-v3' is a whisper model; the sphinx engine runs the"
        + " pocketsphinx model in SPHINX_MODEL_DIR",
    "sphinx, /models/en-us, the sphinx engine cannot load model '/models/en-us'",
    "PARAKEET, small, model 'small' is a whisper model; the parakeet engine serves:"
  })
  void aModelTheEngineCannotLoadIsRefusedWithWhatItServes(
      String engine, String model, String message) {
    EngineException e = assertThrows(EngineException.class, () -> create(engine, model));
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "parakeet, ''",
    "parakeet, parakeet-tdt-0.6b-v3-int8",
    "parakeet, Parakeet-TDT-0.6B-v3",
    "parakeet, /models/my-parakeet",
    "whisper, small",
    "whisper, ./ggml-custom.bin",
    "sphinx, ''",
    "sphinx, sphinx",
    "sphinx, pocketsphinx-en-us",
    "command, anything-the-command-takes"
  })
  void aModelTheEngineServesIsTakenWithoutLoadingAnything(String engine, String model)
      throws Exception {
    try (Transcriber transcriber = create(engine, model)) {
      assertEquals(engine.toLowerCase(java.util.Locale.ROOT), transcriber.engine());
    }
  }

  @Test
  void anUnknownEngineIsStillTheFactorysMessage() {
    EngineException e = assertThrows(EngineException.class, () -> create("vosk", "large-v3"));
    assertTrue(e.getMessage().startsWith("unknown engine 'vosk'"), e.getMessage());
  }
}
