package dev.cast2md.worker.engine;

import dev.cast2md.worker.engine.command.CommandTranscriber;
import dev.cast2md.worker.engine.models.ModelCatalog;
import dev.cast2md.worker.engine.parakeet.ParakeetTranscriber;
import dev.cast2md.worker.engine.sphinx.SphinxTranscriber;
import dev.cast2md.worker.engine.whisper.WhisperTranscriber;
import java.util.Locale;
import java.util.Optional;

/**
 * Picks the engine named by {@code TRANSCRIPTION_BACKEND} / {@code --engine}, refusing a model it
 * cannot load ({@link ModelCatalog#refusal}).
 */
public final class TranscriberFactory {
  public static final String KNOWN = "parakeet, whisper, sphinx, command";

  private TranscriberFactory() {}

  public static Transcriber create(EngineSettings settings) throws EngineException {
    String name = settings.engine() == null ? "" : settings.engine().toLowerCase(Locale.ROOT);
    // Before anything loads or downloads: a model of another engine is a configuration mistake,
    // and saying so at once beats a failure minutes into a model download.
    Optional<String> refusal = ModelCatalog.refusal(name, settings.model());
    if (refusal.isPresent()) {
      throw new EngineException(refusal.get());
    }
    try {
      switch (name) {
        case "parakeet":
          return new ParakeetTranscriber(settings);
        case "whisper":
          return new WhisperTranscriber(settings);
        case "sphinx":
          return new SphinxTranscriber(settings);
        case "command":
          return new CommandTranscriber(settings);
        default:
          throw new EngineException(
              "unknown engine '" + settings.engine() + "' (known: " + KNOWN + ")");
      }
    } catch (IllegalArgumentException e) {
      // a malformed engine variable (NODE_DEVICE=tpu, PARAKEET_BATCH=-1): say which
      throw new EngineException(e.getMessage(), e);
    }
  }
}
