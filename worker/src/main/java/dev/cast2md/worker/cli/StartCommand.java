package dev.cast2md.worker.cli;

import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.SmokeTest;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.TranscriberFactory;
import dev.cast2md.worker.logging.EventLog;
import dev.cast2md.worker.node.Backoff;
import dev.cast2md.worker.node.EngineState;
import dev.cast2md.worker.node.HealthServer;
import dev.cast2md.worker.node.HttpNodeClient;
import dev.cast2md.worker.node.NodeAssembly;
import dev.cast2md.worker.node.NodeHealth;
import dev.cast2md.worker.node.NodeWorker;
import dev.cast2md.worker.node.PodIdentity;
import dev.cast2md.worker.node.PodSetupReporter;
import dev.cast2md.worker.node.StopReason;
import dev.cast2md.worker.node.WorkerConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "start",
    description =
        "Run the node: registers first when not registered and NODE_ENROLMENT_KEY or SETUP_TOKEN"
            + " is set, and again (once) when the server has deleted the node. Exit codes: 10"
            + " empty queue, 11 idle, 12 server unreachable, 13 circuit breaker, 3 not registered"
            + " (also: deleted on the server and no key to register again), 4 engine failed to"
            + " load;"
            + " SIGTERM/SIGINT releases held jobs and ends with the JVM's 143/130. With"
            + " INSTANCE_ID and SETUP_TOKEN set (a RunPod pod) it validates the engine and"
            + " reports its setup to the server.")
final class StartCommand implements Callable<Integer> {
  /** The seed's limit for a pod's GPU validation (load excluded: that is reported apart). */
  private static final Duration SMOKE_TEST_TIMEOUT = Duration.ofSeconds(120);

  /** A failure report is the last word of a pod that exits: worth waiting a little for. */
  private static final Duration FAILED_REPORT_WAIT = Duration.ofSeconds(30);

  private static final Duration READY_REPORT_WAIT = Duration.ofSeconds(5);

  /** Four tries, 2, 4 and 8 s apart: a server restart is bridged, an outage is not waited out. */
  private static final Backoff SETUP_REPORT_RETRY =
      new Backoff(4, Duration.ofSeconds(2), Duration.ofSeconds(8));

  @Option(names = "--server", description = "Server URL (default: CAST2MD_SERVER_URL)")
  String server;

  @Option(names = "--name", description = "Node name (default: NODE_NAME)")
  String name;

  @Option(names = "--engine", description = "sphinx or command (default: TRANSCRIPTION_BACKEND)")
  String engine;

  @Option(names = "--model", description = "Engine model (default: WHISPER_MODEL)")
  String model;

  @Override
  public Integer call() {
    Settings settings = new Settings(System.getenv());
    try {
      return run(settings);
    } catch (IllegalArgumentException e) {
      EventLog.error("configuration: %s", e.getMessage());
      return ExitCodes.USAGE;
    }
  }

  /**
   * The engine is loaded (and on a pod validated) before the node registers, so that the server
   * never sees a node that cannot work; a pod reports each step to the server as it goes.
   */
  private int run(Settings settings) {
    ConfigFile file = new ConfigFile(settings.configPath());
    Optional<Enrolment> enrolment = enrolment(settings, file);
    if (enrolment.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    StoredNode stored = enrolment.get().stored();
    String engineName =
        first(
            engine,
            settings.get("TRANSCRIPTION_BACKEND"),
            stored == null ? null : stored.engine(),
            "sphinx");
    String modelName =
        first(model, settings.get("WHISPER_MODEL"), stored == null ? null : stored.model(), null);
    cleanOldWorkDirs(settings.workRoot());
    NodeHealth health = new NodeHealth(EngineState.loading(engineName, modelName));
    HealthServer healthServer = startHealth(settings, health);
    try (PodSetupReporter setup = podSetup(settings, enrolment.get().serverUrl())) {
      return run(settings, file, enrolment.get(), engineName, modelName, health, setup);
    } finally {
      if (healthServer != null) {
        healthServer.close();
      }
    }
  }

  private int run(
      Settings settings,
      ConfigFile file,
      Enrolment enrolment,
      String engineName,
      String modelName,
      NodeHealth health,
      PodSetupReporter setup) {
    setup.installing(
        modelName == null
            ? "Loading the " + engineName + " engine..."
            : "Loading model " + modelName + "...");
    Transcriber transcriber = null;
    try {
      transcriber = TranscriberFactory.create(settings.engine(engineName, modelName));
      transcriber.load();
    } catch (EngineException | RuntimeException e) {
      // Unchecked too: a pod whose engine blew up must still tell the server, not die silently.
      EventLog.error(
          "engine %s failed to load: %s",
          engineName, e instanceof EngineException ? e.getMessage() : e.toString());
      if (transcriber != null) {
        transcriber.close();
      }
      return setupFailed(setup, health, "Engine failed to load", e, ExitCodes.ENGINE_FAILED);
    }
    try {
      if (setup.enabled() && !validate(transcriber, health, setup)) {
        return ExitCodes.ENGINE_FAILED;
      }
      health.engine(EngineState.ready(transcriber));
      StoredNode node = enrolment.stored();
      if (node == null) {
        setup.installing("Registering node...");
        try {
          node = enrolment.register(settings, file, engineName, modelName);
        } catch (IOException | RuntimeException e) {
          EventLog.error("registration failed: %s", e.getMessage());
          return setupFailed(setup, null, "Registration failed", e, ExitCodes.NOT_REGISTERED);
        }
      }
      return work(settings, file, node, transcriber, health, setup);
    } finally {
      transcriber.close();
    }
  }

  /** The pod's GPU validation: one second of silence through the loaded engine, in time. */
  private static boolean validate(
      Transcriber transcriber, NodeHealth health, PodSetupReporter setup) {
    health.engine(health.engine().validating());
    setup.installing("Running GPU validation...");
    try {
      SmokeTest.runLoaded(transcriber, SMOKE_TEST_TIMEOUT);
      EventLog.info(
          "smoke test passed: engine=%s model=%s device=%s",
          transcriber.engine(), transcriber.model(), transcriber.device());
      return true;
    } catch (EngineException e) {
      EventLog.error("smoke test failed: engine=%s: %s", transcriber.engine(), e.getMessage());
      setupFailed(setup, health, "GPU validation failed", e, ExitCodes.ENGINE_FAILED);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      setupFailed(setup, health, "GPU validation interrupted", e, ExitCodes.ENGINE_FAILED);
      return false;
    }
  }

  /**
   * Reports the failure (health DOWN; on a pod, {@code failed} to the server, waited for a bounded
   * time since the process exits next) and returns the exit code.
   */
  private static int setupFailed(
      PodSetupReporter setup, NodeHealth health, String what, Exception cause, int exitCode) {
    String error = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    if (health != null) {
      health.engine(health.engine().failed(error));
    }
    setup.failed(what, error);
    if (!setup.awaitSent(FAILED_REPORT_WAIT)) {
      EventLog.warn("the setup failure could not be reported in time");
    }
    return exitCode;
  }

  private int work(
      Settings settings,
      ConfigFile file,
      StoredNode node,
      Transcriber transcriber,
      NodeHealth health,
      PodSetupReporter setup) {
    WorkerConfig config = settings.worker(node, file.path());
    NodeWorker worker =
        NodeAssembly.worker(
            config,
            settings.env(),
            transcriber,
            Clock.systemUTC(),
            ConfigReenrolment.from(settings, file, node),
            health);
    Thread hook =
        new Thread(
            () -> {
              EventLog.info("signal received; releasing jobs");
              worker.shutdown();
            },
            "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    StopReason reason;
    try {
      reason = worker.run(() -> setup.ready("Worker is running"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = StopReason.SIGNAL;
    }
    // A worker that stopped within seconds (an empty queue) still tells the server it was ready.
    setup.awaitSent(READY_REPORT_WAIT);
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down because of a signal: the hook is running, nothing to remove.
    }
    return reason.exitCode();
  }

  private static PodSetupReporter podSetup(Settings settings, String serverUrl) {
    Optional<PodIdentity> pod = settings.pod();
    if (pod.isEmpty()) {
      return PodSetupReporter.disabled();
    }
    EventLog.info("%s: reporting setup to %s", pod.get(), serverUrl);
    HttpNodeClient client =
        new HttpNodeClient(
            URI.create(serverUrl), null, null, HttpNodeClient.newHttpClient(settings.env()), null);
    return PodSetupReporter.forPod(client, pod.get(), SETUP_REPORT_RETRY, Backoff.Sleeper.REAL);
  }

  /**
   * The node's stored registration, or where to register once the engine works; empty (logged) when
   * neither is possible.
   */
  private Optional<Enrolment> enrolment(Settings settings, ConfigFile file) {
    String url = first(server, settings.get("CAST2MD_SERVER_URL"), null, null);
    try {
      Optional<StoredNode> stored = file.read();
      String wanted = url == null ? null : Settings.normaliseServer(url);
      if (stored.isPresent() && (wanted == null || wanted.equals(stored.get().serverUrl()))) {
        return Optional.of(new Enrolment(stored.get().serverUrl(), stored.get(), null));
      }
      if (wanted == null) {
        EventLog.error(
            "not registered: run 'register --server URL' or set CAST2MD_SERVER_URL and"
                + " NODE_ENROLMENT_KEY (config %s)",
            file.path());
        return Optional.empty();
      }
      if (settings.get("NODE_ENROLMENT_KEY") == null && settings.get("SETUP_TOKEN") == null) {
        EventLog.error(
            "not registered with %s and neither NODE_ENROLMENT_KEY nor SETUP_TOKEN is set", wanted);
        return Optional.empty();
      }
      return Optional.of(
          new Enrolment(wanted, null, first(name, settings.get("NODE_NAME"), null, null)));
    } catch (IOException | RuntimeException e) {
      EventLog.error("cannot read the node configuration: %s", e.getMessage());
      return Optional.empty();
    }
  }

  /** Registered already ({@code stored}), or to register with {@code serverUrl} as {@code name}. */
  private record Enrolment(String serverUrl, StoredNode stored, String name) {
    StoredNode register(Settings settings, ConfigFile file, String engine, String model)
        throws IOException {
      return Registration.register(
          settings, file, serverUrl, name == null ? settings.defaultName() : name, engine, model);
    }
  }

  private static HealthServer startHealth(Settings settings, NodeHealth health) {
    int port = settings.healthPort();
    if (port < 0) {
      return null;
    }
    try {
      return HealthServer.start(settings.get("NODE_HEALTH_HOST", "0.0.0.0"), port, health);
    } catch (IOException e) {
      // A busy port must not keep a paid GPU from working; the server still sees heartbeats.
      EventLog.warn("health endpoints not started on port %d: %s", port, e.getMessage());
      return null;
    }
  }

  /** Work directories of workers that died more than a day ago (cast2md's orphan rule). */
  private static void cleanOldWorkDirs(Path root) {
    if (!Files.isDirectory(root)) {
      return;
    }
    Instant limit = Instant.now().minus(Duration.ofHours(24));
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.filter(dir -> olderThan(dir, limit)).forEach(StartCommand::deleteTree);
    } catch (IOException e) {
      EventLog.warn("cannot clean %s: %s", root, e.getMessage());
    }
  }

  private static boolean olderThan(Path path, Instant limit) {
    try {
      FileTime modified = Files.getLastModifiedTime(path);
      return modified.toInstant().isBefore(limit);
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // Litter only.
    }
  }

  static String first(String a, String b, String c, String fallback) {
    if (a != null) {
      return a;
    }
    if (b != null) {
      return b;
    }
    return c != null ? c : fallback;
  }
}
