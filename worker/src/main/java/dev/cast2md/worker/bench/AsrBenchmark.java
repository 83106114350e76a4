package dev.cast2md.worker.bench;

import dev.cast2md.worker.audio.AudioDecoder;
import dev.cast2md.worker.audio.DecodedAudio;
import dev.cast2md.worker.engine.AudioChunk;
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
 * Realtime factor of one in-process engine (parakeet or whisper) per chunk length and batch size,
 * with the model and the device it really ran on. Load time is excluded; one warm-up batch runs
 * before the clock starts. Not a test: figures depend on the machine.
 *
 * <pre>
 * java -cp worker/target/cast2md-worker.jar dev.cast2md.worker.bench.AsrBenchmark \
 *     parakeet parakeet-tdt-0.6b-v3-int8 30,60,120 1,4,8 episode.mp3
 * </pre>
 *
 * Arguments: engine, model (catalog id or path), chunk seconds (comma list), batch sizes (comma
 * list, Parakeet only; Whisper takes one chunk at a time), audio file (default: 3 minutes of flite
 * speech). The engine's environment variables (NODE_DEVICE, NODE_MODEL_CACHE…) apply.
 */
public final class AsrBenchmark {
  private AsrBenchmark() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: AsrBenchmark ENGINE MODEL [CHUNK_SECONDS,..] [BATCH,..] [AUDIO]");
      System.exit(2);
    }
    String engine = args[0];
    String model = args[1];
    int[] chunkSeconds = ints(args.length > 2 ? args[2] : "30,60,120");
    int[] batches =
        engine.equals("parakeet") ? ints(args.length > 3 ? args[3] : "1,4") : new int[] {1};
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
              new EngineSettings(engine, model, null, null, 1, 0, 0, dir.resolve("work"), env))) {
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
      }
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
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
