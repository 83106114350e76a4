package dev.cast2md.worker.engine.whisper;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.TimedText;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.models.ModelCatalog;
import dev.cast2md.worker.engine.models.ModelStore;
import dev.cast2md.worker.logging.EventLog;
import io.github.givimad.whisperjni.WhisperContext;
import io.github.givimad.whisperjni.WhisperContextParams;
import io.github.givimad.whisperjni.WhisperFullParams;
import io.github.givimad.whisperjni.WhisperJNI;
import io.github.givimad.whisperjni.WhisperSamplingStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenAI Whisper through whisper.cpp v1.7.1 (whisper-jni): ggml models, segments with timestamps.
 * One context serves one chunk at a time (whisper.cpp's context is not reentrant); whisper.cpp
 * itself walks a long chunk in 30 s windows. On a GPU, whisper-jni must load a CUDA build of the
 * same whisper.cpp version ({@code WHISPER_LIBDIR}): the JNI layer passes structs by layout.
 */
public final class WhisperTranscriber implements Transcriber {
  private static final String LIBDIR_PROPERTY = "io.github.givimad.whisperjni.libdir";

  /** whisper.cpp windows are 30 s; five minutes amortises the per-call set-up. */
  private static final int DEFAULT_CHUNK_SECONDS = 300;

  /** whisper.cpp's own log: too chatty for ours, but its last words explain a failed load. */
  private static final NativeLog NATIVE_LOG = new NativeLog(40);

  private final EngineSettings settings;
  private final WhisperSettings whisper;
  private final ModelStore store;
  private final String modelName;
  private WhisperJNI jni;
  private WhisperContext context;
  private boolean cuda;

  public WhisperTranscriber(EngineSettings settings) {
    this(settings, ModelStore.fromEnvironment(settings.environment()));
  }

  public WhisperTranscriber(EngineSettings settings, ModelStore store) {
    this.settings = settings;
    this.whisper = WhisperSettings.from(settings.environment());
    this.store = store;
    this.modelName =
        settings.model() == null || settings.model().isBlank()
            ? ModelCatalog.DEFAULT_WHISPER
            : settings.model().strip();
  }

  @Override
  public String engine() {
    return "whisper";
  }

  @Override
  public String model() {
    return modelName;
  }

  @Override
  public synchronized void load() throws EngineException {
    if (context != null) {
      return;
    }
    Path located;
    try {
      located = store.locate("whisper", settings.model(), ModelCatalog.DEFAULT_WHISPER);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while fetching the model");
    }
    Path file =
        Files.isDirectory(located)
            ? located.resolve(ModelCatalog.whisperFile(located.getFileName().toString()))
            : located;
    if (!Files.isRegularFile(file)) {
      throw new EngineException("whisper model file " + file + " does not exist");
    }
    long start = System.nanoTime();
    try {
      if (whisper.libDir() != null) {
        System.setProperty(LIBDIR_PROPERTY, whisper.libDir());
      }
      WhisperJNI.loadLibrary();
      WhisperJNI.setLibraryLogger(NATIVE_LOG::add);
      jni = new WhisperJNI();
    } catch (IOException | UnsatisfiedLinkError e) {
      throw new EngineException("cannot load whisper.cpp natives: " + e.getMessage(), e);
    }
    cuda = jni.getSystemInfo().contains("CUDA = 1");
    if (whisper.requireGpu() && !cuda) {
      throw new EngineException(
          "NODE_DEVICE asks for CUDA but the whisper.cpp natives have none ("
              + (whisper.libDir() == null ? "the jar's CPU build" : whisper.libDir())
              + "); set WHISPER_LIBDIR to a CUDA build of whisper.cpp v1.7.1, or NODE_DEVICE=auto");
    }
    try {
      WhisperContextParams params = new WhisperContextParams();
      params.useGPU = cuda;
      context = jni.init(file, params);
    } catch (IOException e) {
      throw new EngineException("whisper.cpp cannot open " + file + ": " + e.getMessage(), e);
    }
    // whisper.cpp answers a file it cannot parse (bad magic, truncated tensors) with null, not an
    // exception: without this check the first transcription would dereference a null context.
    if (context == null) {
      throw new EngineException(
          "whisper.cpp could not load the model "
              + file
              + ": not a ggml whisper model, or corrupt ("
              + NATIVE_LOG.lastErrors()
              + ")");
    }
    EventLog.info(
        "whisper %s loaded from %s in %d ms on %s",
        modelName, file, (System.nanoTime() - start) / 1_000_000, device());
  }

  @Override
  public synchronized List<ChunkTranscript> transcribe(List<AudioChunk> batch)
      throws EngineException, InterruptedException {
    if (context == null) {
      load();
    }
    List<ChunkTranscript> answers = new ArrayList<>();
    for (AudioChunk chunk : batch) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("transcription stopped");
      }
      answers.add(transcribeOne(chunk));
    }
    return answers;
  }

  private ChunkTranscript transcribeOne(AudioChunk chunk) throws EngineException {
    WhisperFullParams params =
        new WhisperFullParams(
            whisper.beamSize() > 0
                ? WhisperSamplingStrategy.BEAN_SEARCH
                : WhisperSamplingStrategy.GREEDY);
    if (whisper.beamSize() > 0) {
      params.beamSearchBeamSize = whisper.beamSize();
    }
    params.nThreads =
        whisper.threads() > 0 ? whisper.threads() : Runtime.getRuntime().availableProcessors();
    params.language = whisper.language();
    params.translate = false;
    params.printProgress = false;
    params.printRealtime = false;
    params.printTimestamps = false;
    params.printSpecial = false;
    if (!whisper.temperatureFallback()) {
      params.temperatureInc = 0f;
    }
    float[] samples = chunk.samples();
    int rc = jni.full(context, params, samples, samples.length);
    if (rc != 0) {
      throw new EngineException(
          "whisper.cpp failed on chunk " + chunk.index() + " (code " + rc + ")");
    }
    int count = jni.fullNSegments(context);
    List<TimedText> segments = new ArrayList<>(count);
    double length = chunk.durationSeconds();
    for (int i = 0; i < count; i++) {
      String text = jni.fullGetSegmentText(context, i);
      if (text == null || text.isBlank()) {
        continue;
      }
      // whisper.cpp times are centiseconds; the last window may run past the audio's end, and a
      // confused decoder can emit timestamp tokens that put a segment before the start.
      double t0 = clamp(jni.fullGetSegmentTimestamp0(context, i) / 100.0, length);
      double t1 = clamp(jni.fullGetSegmentTimestamp1(context, i) / 100.0, length);
      segments.add(new TimedText(t0, Math.max(t0, t1), text.strip()));
    }
    return new ChunkTranscript(
        chunk.index(), segments, whisper.language().equals("auto") ? null : whisper.language());
  }

  private static double clamp(double seconds, double length) {
    return Math.max(0, Math.min(length, seconds));
  }

  @Override
  public String device() {
    return (cuda ? "cuda" : "cpu") + " (whisper.cpp 1.7.1 via whisper-jni)";
  }

  @Override
  public int maxChunkSeconds() {
    return settings.maxChunkSeconds() > 0 ? settings.maxChunkSeconds() : DEFAULT_CHUNK_SECONDS;
  }

  @Override
  public synchronized void close() {
    if (context != null) {
      jni.free(context);
      context = null;
    }
  }
}
