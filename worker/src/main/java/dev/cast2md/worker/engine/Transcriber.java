package dev.cast2md.worker.engine;

import java.util.List;

/**
 * The engine SPI. An engine is loaded once per worker (models are expensive), then fed batches of
 * chunks; a batch lets GPU engines (Parakeet, Whisper) fill the device with chunks of several
 * episodes, while subprocess engines may simply run them in parallel.
 */
public interface Transcriber extends AutoCloseable {

  /** The engine family, sent to the server as {@code whisper_backend}: "sphinx", "command"… */
  String engine();

  /** The model, sent to the server as {@code whisper_model}. */
  String model();

  /** Loads the model and checks the tools; called once before the first batch. */
  void load() throws EngineException;

  /**
   * Transcribes every chunk of the batch; the answer has one entry per chunk, same order. Must stop
   * promptly when the calling thread is interrupted (shutdown, job taken back).
   */
  List<ChunkTranscript> transcribe(List<AudioChunk> batch)
      throws EngineException, InterruptedException;

  /** Where the engine really runs ("cpu", "cuda:0 NVIDIA A5000"), as observed after load. */
  String device();

  /** The longest chunk the engine takes well; long audio is cut at silences below this. */
  int maxChunkSeconds();

  /** How many chunks the worker hands over in one call. */
  default int batchSize() {
    return 1;
  }

  /**
   * True when one call may hold chunks of several episodes to good effect: a GPU encoder then works
   * on the end of one episode and the start of the next at once. Engines that take chunks one by
   * one or run a process per chunk say false and get one episode's chunks per call.
   */
  default boolean batchesAcrossEpisodes() {
    return false;
  }

  @Override
  default void close() {}
}
