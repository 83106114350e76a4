package dev.cast2md.worker.engine;

import java.nio.file.Path;
import java.util.Map;

/**
 * What an engine needs from configuration. {@code maxChunkSeconds} 0 means the engine's own
 * default.
 *
 * @param engine parakeet, whisper, sphinx or command
 * @param model engine-specific model name (a catalog id such as large-v3-turbo, or a path)
 * @param command the command template of the {@code command} engine
 * @param sphinxModelDir the pocketsphinx model directory (acoustic model, LM, dictionary)
 * @param threads chunks transcribed at the same time by subprocess engines
 * @param maxChunkSeconds longest chunk handed to the engine
 * @param commandTimeoutSeconds per-chunk limit for the command engine
 * @param workDir where chunk files are written
 * @param environment the variables the in-process engines read their own settings from (model
 *     cache, device, batch size: see {@code ParakeetSettings}, {@code WhisperSettings})
 */
public record EngineSettings(
    String engine,
    String model,
    String command,
    Path sphinxModelDir,
    int threads,
    int maxChunkSeconds,
    int commandTimeoutSeconds,
    Path workDir,
    Map<String, String> environment) {

  /** Without an explicit environment: the process's own, as the worker's command line reads it. */
  public EngineSettings(
      String engine,
      String model,
      String command,
      Path sphinxModelDir,
      int threads,
      int maxChunkSeconds,
      int commandTimeoutSeconds,
      Path workDir) {
    this(
        engine,
        model,
        command,
        sphinxModelDir,
        threads,
        maxChunkSeconds,
        commandTimeoutSeconds,
        workDir,
        System.getenv());
  }

  public EngineSettings {
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  /** Without the environment: it holds enrolment keys and tokens, which never reach a log. */
  @Override
  public String toString() {
    return "EngineSettings[engine="
        + engine
        + ", model="
        + model
        + ", threads="
        + threads
        + ", maxChunkSeconds="
        + maxChunkSeconds
        + ", workDir="
        + workDir
        + "]";
  }
}
