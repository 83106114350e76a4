package dev.cast2md.worker.bench;

import dev.cast2md.worker.audio.AudioDecoder;
import dev.cast2md.worker.audio.ChunkSpan;
import dev.cast2md.worker.audio.DecodedAudio;
import dev.cast2md.worker.audio.EpisodeTranscription;
import dev.cast2md.worker.audio.SilenceChunker;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.TranscriberFactory;
import dev.cast2md.worker.node.PrefetchQueue;
import dev.cast2md.worker.node.PreparedJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Measures the worker's pipeline on N synthesised episodes: the engine's realtime factor, the time
 * the engine sat idle between jobs (prefetch working means close to zero), and ffmpeg's decode
 * speed. Needs flite, ffmpeg and the engine's tools; not run by the tests.
 *
 * <pre>java -cp worker/target/cast2md-worker.jar dev.cast2md.worker.bench.EngineBenchmark 5</pre>
 *
 * Arguments: episodes (3), sentences per episode (24), engine (sphinx), sphinx threads (cores).
 */
public final class EngineBenchmark {
  private static final List<String> SENTENCES =
      List.of(
          "The weather today is sunny with a light breeze from the west.",
          "Please send the quarterly report to the finance team before friday.",
          "Welcome back to the show where we talk about science and technology.",
          "Today we are going to talk about the history of the radio.",
          "Many families would sit together in the evening to listen to their favorite programs.",
          "Our next guest is a teacher who has worked in the same school for twenty years.",
          "The library is open every day from nine in the morning until six in the evening.",
          "Thank you for listening and we hope you will join us again next week.");

  private EngineBenchmark() {}

  public static void main(String[] args) throws Exception {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 3;
    int sentences = args.length > 1 ? Integer.parseInt(args[1]) : 24;
    String engine = args.length > 2 ? args[2] : "sphinx";
    int threads =
        args.length > 3 ? Integer.parseInt(args[3]) : Runtime.getRuntime().availableProcessors();
    Path dir = Files.createTempDirectory("cast2md-bench");
    Transcriber transcriber =
        TranscriberFactory.create(
            new EngineSettings(
                engine,
                null,
                System.getenv("NODE_COMMAND"),
                Path.of("/usr/share/pocketsphinx/model/en-us"),
                threads,
                0,
                1800,
                dir.resolve("engine")));
    transcriber.load();
    List<Path> sources = synthesise(episodes, sentences, dir);
    AudioDecoder decoder = AudioDecoder.withDefaults();
    SilenceChunker chunker = new SilenceChunker(transcriber.maxChunkSeconds(), 1.0);
    PrefetchQueue queue = new PrefetchQueue(3);
    double[] decodeSeconds = {0};
    double[] audioSeconds = {0};
    Thread preparer =
        new Thread(
            () -> {
              try {
                for (int i = 0; i < sources.size(); i++) {
                  while (!queue.tryReserve(i)) {
                    queue.awaitRoom(Duration.ofSeconds(1));
                  }
                  long t0 = System.nanoTime();
                  DecodedAudio audio = decoder.decode(sources.get(i), dir.resolve(i + ".f32"));
                  List<ChunkSpan> plan = chunker.plan(audio);
                  decodeSeconds[0] += (System.nanoTime() - t0) / 1e9;
                  audioSeconds[0] += audio.durationSeconds();
                  queue.fulfil(new PreparedJob(i, null, null, audio, plan));
                }
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            },
            "bench-prepare");
    long wallStart = System.nanoTime();
    preparer.start();
    double engineSeconds = 0;
    double idleSeconds = 0;
    double engineAudio = 0;
    long lastEnd = -1;
    for (int done = 0; done < episodes; ) {
      Optional<PreparedJob> next = queue.take(Duration.ofSeconds(1));
      if (next.isEmpty()) {
        continue;
      }
      long start = System.nanoTime();
      if (lastEnd >= 0) {
        idleSeconds += (start - lastEnd) / 1e9;
      }
      PreparedJob job = next.get();
      EpisodeTranscription.run(job.audio(), job.plan(), transcriber, p -> {});
      lastEnd = System.nanoTime();
      engineSeconds += (lastEnd - start) / 1e9;
      engineAudio += job.audio().durationSeconds();
      Files.deleteIfExists(job.audio().pcmFile());
      done++;
    }
    preparer.join(TimeUnit.SECONDS.toMillis(60));
    transcriber.close();
    double wall = (System.nanoTime() - wallStart) / 1e9;
    System.out.printf(
        "engine=%s device=%s episodes=%d audio=%.1f s wall=%.1f s%n",
        transcriber.engine(), transcriber.device(), episodes, engineAudio, wall);
    System.out.printf(
        "realtime factor (audio / engine time): %.2fx%n", engineAudio / engineSeconds);
    System.out.printf(
        "engine idle between jobs: %.3f s total, %.3f s per gap%n",
        idleSeconds, episodes > 1 ? idleSeconds / (episodes - 1) : 0);
    System.out.printf(
        "decode speed (audio / ffmpeg time, incl. planning): %.0fx realtime%n",
        audioSeconds[0] / decodeSeconds[0]);
  }

  static List<Path> synthesise(int episodes, int sentences, Path dir) throws Exception {
    List<Path> files = new ArrayList<>();
    Random random = new Random(42);
    for (int e = 0; e < episodes; e++) {
      List<String> text = new ArrayList<>();
      for (int s = 0; s < sentences; s++) {
        List<String> shuffled = new ArrayList<>(SENTENCES);
        Collections.shuffle(shuffled, random);
        text.add(shuffled.get(0));
      }
      Path wav = dir.resolve("episode-" + e + ".wav");
      Process flite =
          new ProcessBuilder(
                  "flite", "-voice", "awb", "-t", String.join(" ", text), "-o", wav.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!flite.waitFor(120, TimeUnit.SECONDS) || flite.exitValue() != 0) {
        throw new IllegalStateException("flite failed");
      }
      // Podcasts arrive as MP3; decode speed means nothing on a WAV.
      Path mp3 = dir.resolve("episode-" + e + ".mp3");
      Process lame =
          new ProcessBuilder(
                  "ffmpeg",
                  "-nostdin",
                  "-loglevel",
                  "error",
                  "-y",
                  "-i",
                  wav.toString(),
                  "-ac",
                  "2",
                  "-ar",
                  "44100",
                  "-b:a",
                  "128k",
                  mp3.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!lame.waitFor(120, TimeUnit.SECONDS) || lame.exitValue() != 0) {
        throw new IllegalStateException("ffmpeg mp3 encode failed");
      }
      files.add(mp3);
    }
    return files;
  }
}
