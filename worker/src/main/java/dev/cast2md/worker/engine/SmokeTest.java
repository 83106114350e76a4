package dev.cast2md.worker.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Loads the engine and transcribes one second of silence under a time limit: proves on a fresh pod
 * that the model loads and the device works before the node takes any job.
 */
public final class SmokeTest {
  private SmokeTest() {}

  /** Returns normally when the engine answered in time; the exception says what went wrong. */
  public static void run(Transcriber transcriber, Duration timeout)
      throws EngineException, InterruptedException {
    run(transcriber, timeout, true);
  }

  /** As {@link #run}, for an engine already loaded (engines load once): the transcription alone. */
  public static void runLoaded(Transcriber transcriber, Duration timeout)
      throws EngineException, InterruptedException {
    run(transcriber, timeout, false);
  }

  private static void run(Transcriber transcriber, Duration timeout, boolean load)
      throws EngineException, InterruptedException {
    FutureTask<List<ChunkTranscript>> task =
        new FutureTask<>(
            () -> {
              if (load) {
                transcriber.load();
              }
              return transcriber.transcribe(
                  List.of(new AudioChunk(0, 0, new float[AudioChunk.SAMPLE_RATE])));
            });
    Thread thread = new Thread(task, "smoke-test");
    thread.setDaemon(true);
    thread.start();
    try {
      List<ChunkTranscript> answer = task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (answer.size() != 1) {
        throw new EngineException("engine answered " + answer.size() + " results for 1 chunk");
      }
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new EngineException("engine did not answer within " + timeout.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new EngineException(
          cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
    }
  }
}
