package dev.cast2md.worker.bench;

import dev.cast2md.worker.audio.AudioDecoder;
import dev.cast2md.worker.audio.ChunkSpan;
import dev.cast2md.worker.audio.DecodedAudio;
import dev.cast2md.worker.audio.EpisodeBatcher;
import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.TranscriberFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Realtime factor of one engine (parakeet, whisper or sphinx) per chunk length and batch size, with
 * the model and the device it really ran on. Load time is excluded; one warm-up batch runs before
 * the clock starts. Then, per batch size, the same audio as four episodes through {@link
 * EpisodeBatcher}: one episode at a time, and with calls shared across episodes as the worker does
 * for Parakeet ({@code NODE_BATCH_CHUNKS}). Not a test: figures depend on the machine.
 *
 * <pre>
 * java -cp worker/target/cast2md-worker.jar dev.cast2md.worker.bench.AsrBenchmark \
 *     parakeet parakeet-tdt-0.6b-v3-int8 30,60,120 1,4,8 episode.mp3
 * </pre>
 *
 * Arguments: engine, model (catalog id or path; "-" for sphinx), chunk seconds (comma list), batch
 * sizes (comma list: Parakeet's PARAKEET_BATCH, sphinx's parallel processes; Whisper takes one
 * chunk at a time), audio file (default: 3 minutes of flite speech). The engine's environment
 * variables (NODE_DEVICE, NODE_MODEL_CACHE, SPHINX_MODEL_DIR…) apply.
 */
public final class AsrBenchmark {
  private static final String SPHINX_MODEL = "/usr/share/pocketsphinx/model/en-us";
  private static final int EPISODES = 4;

  private AsrBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: AsrBenchmark ENGINE MODEL [CHUNK_SECONDS,..] [BATCH,..] [AUDIO]");
      System.exit(2);
    }
    String engine = args[0];
    int[] chunkSeconds = ints(args.length > 2 ? args[2] : "30,60,120");
    String model = args[1].equals("-") ? null : args[1];
    int[] batches =
        engine.equals("whisper") ? new int[] {1} : ints(args.length > 3 ? args[3] : "1,4");
    Path dir = Files.createTempDirectory("cast2md-asr-bench");
    Path source =
        args.length > 4 ? Path.of(args[4]) : EngineBenchmark.synthesise(1, 40, dir).get(0);
    DecodedAudio audio = AudioDecoder.withDefaults().decode(source, dir.resolve("audio.f32"));
    float[] samples = audio.read(0, audio.sampleCount());
    System.out.printf(
        "engine=%s model=%s audio=%s (%.1f s), %d cores%n",
        engine,
        model,
        source.getFileName(),
        audio.durationSeconds(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf(
        "%-10s %-6s %-8s %-10s %-10s %s%n",
        "chunk_s", "batch", "chunks", "wall_s", "RTFx", "device");
    for (int batch : batches) {
      Map<String, String> env = new HashMap<>(System.getenv());
      env.put("PARAKEET_BATCH", String.valueOf(batch));
      try (Transcriber transcriber =
          TranscriberFactory.create(
              new EngineSettings(
                  engine,
                  model,
                  null,
                  Path.of(env.getOrDefault("SPHINX_MODEL_DIR", SPHINX_MODEL)),
                  batch,
                  0,
                  0,
                  dir.resolve("work"),
                  env))) {
        long loadStart = System.nanoTime();
        transcriber.load();
        double load = (System.nanoTime() - loadStart) / 1e9;
        System.out.printf(
            "# batch %d: loaded in %.2f s on %s%n", batch, load, transcriber.device());
        for (int seconds : chunkSeconds) {
          List<AudioChunk> chunks = cut(samples, seconds);
          transcriber.transcribe(chunks.subList(0, Math.min(batch, chunks.size())));
          long start = System.nanoTime();
          for (int first = 0; first < chunks.size(); first += batch) {
            transcriber.transcribe(chunks.subList(first, Math.min(chunks.size(), first + batch)));
          }
          double wall = (System.nanoTime() - start) / 1e9;
          System.out.printf(
              "%-10d %-6d %-8d %-10.2f %-10.1f %s%n",
              seconds,
              batch,
              chunks.size(),
              wall,
              audio.durationSeconds() / wall,
              transcriber.device());
        }
        episodes(transcriber, audio, chunkSeconds[0], batch);
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /**
   * The audio as four episodes of whole chunks, {@code batch} chunks per engine call: one episode
   * at a time (its last call part empty), then shared across episodes.
   */
  private static void episodes(Transcriber transcriber, DecodedAudio audio, int seconds, int batch)
      throws Exception {
    long chunk = (long) seconds * AudioChunk.SAMPLE_RATE;
    long perEpisode = Math.max(1, audio.sampleCount() / EPISODES);
    List<List<ChunkSpan>> plans = new ArrayList<>();
    for (int e = 0; e < EPISODES; e++) {
      long first = e * perEpisode;
      long last = e == EPISODES - 1 ? audio.sampleCount() : first + perEpisode;
      List<ChunkSpan> plan = new ArrayList<>();
      for (long start = first, i = 0; start < last; start += chunk, i++) {
        long end = Math.min(last, start + chunk);
        plan.add(new ChunkSpan((int) i, start, end, start, end));
      }
      plans.add(plan);
    }
    for (boolean shared : new boolean[] {false, true}) {
      int[] calls = {0};
      Transcriber counted = counting(transcriber, calls);
      long start = System.nanoTime();
      EpisodeBatcher batcher = new EpisodeBatcher(counted, batch);
      for (int e = 0; e < EPISODES; e++) {
        batcher.add(e, audio, plans.get(e), p -> {});
        if (!shared) {
          drain(batcher);
        }
      }
      drain(batcher);
      double wall = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "# %d episodes, %d s chunks, batch %d, %s: %d calls, %.2f s, RTFx %.1f%n",
          EPISODES,
          seconds,
          batch,
          shared ? "calls shared across episodes" : "one episode at a time",
          calls[0],
          wall,
          audio.durationSeconds() / wall);
    }
  }

  private static void drain(EpisodeBatcher batcher) throws InterruptedException {
    while (!batcher.isEmpty()) {
      for (EpisodeBatcher.Outcome outcome : batcher.step()) {
        if (outcome.failed()) {
          throw new IllegalStateException("episode " + outcome.id(), outcome.failure());
        }
      }
    }
  }

  private static Transcriber counting(Transcriber engine, int[] calls) {
    return new Transcriber() {
      @Override
      public List<ChunkTranscript> transcribe(List<AudioChunk> batch)
          throws EngineException, InterruptedException {
        calls[0]++;
        return engine.transcribe(batch);
      }

      @Override
      public String engine() {
        return engine.engine();
      }

      @Override
      public String model() {
        return engine.model();
      }

      @Override
      public void load() throws EngineException {
        engine.load();
      }

      @Override
      public String device() {
        return engine.device();
      }

      @Override
      public int maxChunkSeconds() {
        return engine.maxChunkSeconds();
      }
    };
  }

  private static List<AudioChunk> cut(float[] samples, int seconds) {
    int length = seconds * AudioChunk.SAMPLE_RATE;
    List<AudioChunk> chunks = new ArrayList<>();
    for (int start = 0, i = 0; start < samples.length; start += length, i++) {
      chunks.add(
          new AudioChunk(
              i,
              start / (double) AudioChunk.SAMPLE_RATE,
              Arrays.copyOfRange(samples, start, Math.min(samples.length, start + length))));
    }
    return chunks;
  }

  private static int[] ints(String list) {
    return Arrays.stream(list.split(",")).mapToInt(s -> Integer.parseInt(s.strip())).toArray();
  }
}
