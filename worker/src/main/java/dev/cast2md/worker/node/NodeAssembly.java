package dev.cast2md.worker.node;

import dev.cast2md.worker.audio.AudioDecoder;
import dev.cast2md.worker.audio.SilenceChunker;
import dev.cast2md.worker.engine.Transcriber;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Wires a {@link NodeWorker} from its configuration; the one place that knows all the parts. */
public final class NodeAssembly {
  /** One second on either side of a join: a word cut at a silence is still heard whole. */
  private static final double CHUNK_OVERLAP_SECONDS = 1.0;

  private NodeAssembly() {}

  public static HttpNodeClient client(WorkerConfig config, Map<String, String> env) {
    HttpClient http = HttpNodeClient.newHttpClient(env);
    AudioDownloader downloader =
        new AudioDownloader(
            http,
            config.maxAudioBytes(),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60),
            new Backoff(3, Duration.ofSeconds(2), Duration.ofSeconds(10)),
            Backoff.Sleeper.REAL);
    return new HttpNodeClient(
        config.serverUrl(), config.nodeId(), config.apiKey(), http, downloader);
  }

  public static NodeWorker worker(
      WorkerConfig config, Map<String, String> env, Transcriber transcriber, Clock clock) {
    return worker(config, env, transcriber, clock, Reenrolment.NONE);
  }

  public static NodeWorker worker(
      WorkerConfig config,
      Map<String, String> env,
      Transcriber transcriber,
      Clock clock,
      Reenrolment reenrolment) {
    return worker(config, env, transcriber, clock, reenrolment, NodeHealth.loaded(transcriber));
  }

  /** With the health the start-up already reported on (engine loading, validating, ready). */
  public static NodeWorker worker(
      WorkerConfig config,
      Map<String, String> env,
      Transcriber transcriber,
      Clock clock,
      Reenrolment reenrolment,
      NodeHealth health) {
    return worker(config, env, transcriber, clock, reenrolment, (jobId, dir) -> {}, health);
  }

  static NodeWorker worker(
      WorkerConfig config,
      Map<String, String> env,
      Transcriber transcriber,
      Clock clock,
      Reenrolment reenrolment,
      JobPreparer.DirectoryHook hook) {
    return worker(
        config, env, transcriber, clock, reenrolment, hook, NodeHealth.loaded(transcriber));
  }

  static NodeWorker worker(
      WorkerConfig config,
      Map<String, String> env,
      Transcriber transcriber,
      Clock clock,
      Reenrolment reenrolment,
      JobPreparer.DirectoryHook hook,
      NodeHealth health) {
    HttpNodeClient client = client(config, env);
    JobPreparer preparer =
        new JobPreparer(
            client,
            AudioDecoder.withDefaults(),
            new SilenceChunker(transcriber.maxChunkSeconds(), CHUNK_OVERLAP_SECONDS),
            config.workDir(),
            config.directDownload(),
            hook);
    ResultDelivery delivery =
        new ResultDelivery(
            client,
            new ResultSpool(config.spoolDir()),
            config.completeRetry(),
            Backoff.Sleeper.REAL);
    return new NodeWorker(
        config,
        client,
        transcriber,
        preparer,
        delivery,
        new StopPolicy(config.stop(), clock),
        reenrolment,
        health,
        ChunkBatching.of(transcriber, env));
  }
}
