package dev.cast2md.worker.engine.sphinx;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.WavWriter;
import dev.cast2md.worker.subprocess.Subprocess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CMU pocketsphinx ({@code pocketsphinx_continuous}, Debian package) as a subprocess per chunk,
 * with word times. The English model is small and CPU-only; it is the engine that really recognises
 * speech on machines without a GPU, and the one the tests use.
 */
public final class SphinxTranscriber implements Transcriber {
  private static final String BINARY = "pocketsphinx_continuous";

  private final EngineSettings settings;
  private final Path modelDir;
  private final AtomicInteger chunkCounter = new AtomicInteger();
  private ExecutorService pool;

  public SphinxTranscriber(EngineSettings settings) {
    this.settings = settings;
    this.modelDir = settings.sphinxModelDir();
  }

  @Override
  public String engine() {
    return "sphinx";
  }

  @Override
  public String model() {
    return "pocketsphinx-" + modelDir.getFileName();
  }

  @Override
  public synchronized void load() throws EngineException {
    if (pool != null) {
      return;
    }
    for (Path required : List.of(acousticModel(), languageModel(), dictionary())) {
      if (!Files.exists(required)) {
        throw new EngineException(
            "pocketsphinx model file missing: " + required + " (apt install pocketsphinx-en-us)");
      }
    }
    if (!onPath(BINARY)) {
      throw new EngineException(BINARY + " not found on PATH (apt install pocketsphinx)");
    }
    AtomicInteger threadNumber = new AtomicInteger();
    pool =
        Executors.newFixedThreadPool(
            threads(),
            r -> {
              Thread t = new Thread(r, "sphinx-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public List<ChunkTranscript> transcribe(List<AudioChunk> batch)
      throws EngineException, InterruptedException {
    if (pool == null) {
      load();
    }
    List<Future<ChunkTranscript>> futures = new ArrayList<>();
    for (AudioChunk chunk : batch) {
      futures.add(pool.submit(() -> transcribeOne(chunk)));
    }
    List<ChunkTranscript> results = new ArrayList<>();
    try {
      for (Future<ChunkTranscript> future : futures) {
        results.add(future.get());
      }
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      Throwable cause = e.getCause();
      throw new EngineException("pocketsphinx failed: " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      throw e;
    }
    return results;
  }

  private ChunkTranscript transcribeOne(AudioChunk chunk) throws IOException, InterruptedException {
    Path dir = settings.workDir().resolve("sphinx");
    Files.createDirectories(dir);
    Path wav = dir.resolve("chunk-" + chunkCounter.incrementAndGet() + ".wav");
    try {
      WavWriter.write(chunk.samples(), AudioChunk.SAMPLE_RATE, wav);
      // pocketsphinx runs at several times realtime on one core; a minute plus the chunk's own
      // length three times over only catches a hung process.
      Duration timeout = Duration.ofSeconds(60 + 3 * (long) Math.ceil(chunk.durationSeconds()));
      Subprocess.Result result =
          Subprocess.run(
              List.of(
                  BINARY,
                  "-infile",
                  wav.toString(),
                  "-hmm",
                  acousticModel().toString(),
                  "-lm",
                  languageModel().toString(),
                  "-dict",
                  dictionary().toString(),
                  "-logfn",
                  "/dev/null",
                  "-time",
                  "yes"),
              dir,
              timeout);
      try {
        if (result.exitCode() != 0) {
          throw new IOException(
              BINARY + " exited with " + result.exitCode() + ": " + result.stderrTail());
        }
        return new ChunkTranscript(
            chunk.index(), SphinxOutputParser.parse(result.stdoutText()), "en");
      } finally {
        Files.deleteIfExists(result.stdout());
      }
    } finally {
      Files.deleteIfExists(wav);
    }
  }

  @Override
  public String device() {
    return "cpu (" + threads() + " pocketsphinx processes)";
  }

  @Override
  public int maxChunkSeconds() {
    // A minute keeps the ~0.7 s model load per process small next to the audio.
    return settings.maxChunkSeconds() > 0 ? settings.maxChunkSeconds() : 60;
  }

  @Override
  public int batchSize() {
    return threads();
  }

  private int threads() {
    return Math.max(1, settings.threads());
  }

  private Path acousticModel() {
    return modelDir.resolve(modelDir.getFileName().toString());
  }

  private Path languageModel() {
    return modelDir.resolve(modelDir.getFileName() + ".lm.bin");
  }

  private Path dictionary() {
    return modelDir.resolve("cmudict-" + modelDir.getFileName() + ".dict");
  }

  static boolean onPath(String binary) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(java.io.File.pathSeparator)) {
      if (Files.isExecutable(Path.of(dir, binary))) {
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdownNow();
      pool = null;
    }
  }
}
