package dev.cast2md.worker.engine;

import java.nio.file.Path;

/**
 * What an engine needs from configuration. {@code maxChunkSeconds} 0 means the engine's own
 * default.
 *
 * @param engine sphinx or command
 * @param model engine-specific model name (sphinx: a directory name under the model root)
 * @param command the command template of the {@code command} engine
 * @param sphinxModelDir the pocketsphinx model directory (acoustic model, LM, dictionary)
 * @param threads chunks transcribed at the same time by subprocess engines
 * @param maxChunkSeconds longest chunk handed to the engine
 * @param commandTimeoutSeconds per-chunk limit for the command engine
 * @param workDir where chunk files are written
 */
public record EngineSettings(
    String engine,
    String model,
    String command,
    Path sphinxModelDir,
    int threads,
    int maxChunkSeconds,
    int commandTimeoutSeconds,
    Path workDir) {}
