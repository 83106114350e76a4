package dev.cast2md.worker.engine;

import dev.cast2md.worker.engine.command.CommandTranscriber;
import dev.cast2md.worker.engine.sphinx.SphinxTranscriber;
import java.util.Locale;

/** Picks the engine named by {@code TRANSCRIPTION_BACKEND} / {@code --engine}. */
public final class TranscriberFactory {
  private TranscriberFactory() {}

  public static Transcriber create(EngineSettings settings) throws EngineException {
    String name = settings.engine() == null ? "" : settings.engine().toLowerCase(Locale.ROOT);
    switch (name) {
      case "sphinx":
        return new SphinxTranscriber(settings);
      case "command":
        return new CommandTranscriber(settings);
      case "whisper":
      case "parakeet":
        throw new EngineException(
            "engine '"
                + name
                + "' is not built into this worker yet; use 'command' with an external"
                + " program, or 'sphinx'");
      default:
        throw new EngineException(
            "unknown engine '" + settings.engine() + "' (known: sphinx, command)");
    }
  }
}
