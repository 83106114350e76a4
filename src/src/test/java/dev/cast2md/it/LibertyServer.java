package dev.cast2md.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real server for black-box tests: the Liberty that the build prepared (liberty:create,
 * install-feature, deploy), started once per test JVM on its own port and data directory, with a
 * way to restart it as an operator would. Maven's post-integration-test liberty:stop stops it.
 */
public final class LibertyServer {
  public static final String ENROLMENT_KEY = "it-enrolment-key";
  public static final String ADMIN_USER = "admin";
  public static final String ADMIN_PASSWORD = "it-admin-password";
  public static final String RUNPOD_KEY = "rpa_ITACCOUNTKEY00000000000000000";
  private static LibertyServer shared;

  private final Path wlp;
  private final Path dataDir;
  private final int port;
  private final Map<String, String> env = new LinkedHashMap<>();

  private LibertyServer() {
    wlp = Path.of(System.getProperty("it.wlp.dir", "target/liberty/wlp"));
    dataDir = Path.of(System.getProperty("it.data.dir", "target/it-data"));
    port = Integer.getInteger("it.http.port", 18080);
    env.put("HTTP_PORT", String.valueOf(port));
    env.put("CAST2MD_DATA_DIR", dataDir.toAbsolutePath().toString());
    env.put("NODE_ENROLMENT_KEY", ENROLMENT_KEY);
    env.put("CAST2MD_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("COORDINATOR_INTERVAL_SECONDS", "1");
    env.put("QUEUE_ORPHAN_GRACE_SECONDS", "2");
    env.put("NODE_HEARTBEAT_TIMEOUT_SECONDS", "30");
    env.put("LOCAL_WORKERS", "0");
    env.put("CAST2MD_TRANSCRIPTS_DOWNLOAD_INTERVAL_SECONDS", "1");
    env.put("CAST2MD_AUDIO_DOWNLOAD_INTERVAL_SECONDS", "1");
    env.put("CAST2MD_TRANSCRIPTS_FILES_INTERVAL_SECONDS", "1");
    // the iTunes directory is a local fake that a test serves on this port (never Apple's)
    env.put("CAST2MD_ITUNES_BASE_URL", "http://127.0.0.1:" + directoryPort());
    // RunPod is configured against the fake the pod tests start (disabled until they enable it)
    env.put("RUNPOD_API_KEY", RUNPOD_KEY);
    env.put("RUNPOD_API_URL", "http://127.0.0.1:" + runPodPort() + "/v2");
    env.put("RUNPOD_SERVER_URL", "http://127.0.0.1:" + port);
    env.put("PODS_INTERVAL_SECONDS", "1");
  }

  /** Where the fake RunPod API listens for this server. */
  public int runPodPort() {
    return port + 7;
  }

  /** The running server, started fresh (empty data directory) on first use. */
  public static synchronized LibertyServer get() {
    if (shared == null) {
      LibertyServer s = new LibertyServer();
      s.wipeData();
      s.start();
      shared = s;
    }
    return shared;
  }

  /** Where the server looks for the iTunes directory: the HTTP port plus 3. */
  public static int directoryPort() {
    return Integer.getInteger("it.http.port", 18080) + 3;
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops and starts the server, as a deploy or a crash-and-restart would. */
  public synchronized void restart() {
    run("stop");
    start();
  }

  private void start() {
    run("start");
    awaitReady(Duration.ofSeconds(180));
  }

  private void run(String action) {
    ProcessBuilder pb =
        new ProcessBuilder(wlp.resolve("bin/server").toString(), action, "defaultServer")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.environment().putAll(env);
    try {
      Process p = pb.start();
      if (!p.waitFor(180, java.util.concurrent.TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("server " + action + " did not finish in 180 s");
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run server " + action, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(base().resolve("/api/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    throw new IllegalStateException(
        "server not ready within " + timeout + "; see " + wlp + "/usr/servers/defaultServer/logs");
  }

  private void wipeData() {
    if (!Files.exists(dataDir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new IllegalStateException("cannot wipe " + dataDir, e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
