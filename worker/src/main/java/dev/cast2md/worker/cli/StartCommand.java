package dev.cast2md.worker.cli;

import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.TranscriberFactory;
import dev.cast2md.worker.logging.EventLog;
import dev.cast2md.worker.node.HealthServer;
import dev.cast2md.worker.node.NodeAssembly;
import dev.cast2md.worker.node.NodeWorker;
import dev.cast2md.worker.node.StopReason;
import dev.cast2md.worker.node.WorkerConfig;
import java.io.IOException;
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
            + " SIGTERM/SIGINT releases held jobs and ends with the JVM's 143/130.")
final class StartCommand implements Callable<Integer> {
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

  private int run(Settings settings) {
    ConfigFile file = new ConfigFile(settings.configPath());
    Optional<StoredNode> node = credentials(settings, file);
    if (node.isEmpty()) {
      return ExitCodes.NOT_REGISTERED;
    }
    String engineName =
        first(engine, settings.get("TRANSCRIPTION_BACKEND"), node.get().engine(), "sphinx");
    String modelName = first(model, settings.get("WHISPER_MODEL"), node.get().model(), null);
    WorkerConfig config = settings.worker(node.get(), file.path());
    cleanOldWorkDirs(settings.workRoot());
    Transcriber transcriber;
    try {
      transcriber = TranscriberFactory.create(settings.engine(engineName, modelName));
      transcriber.load();
    } catch (EngineException e) {
      EventLog.error("engine %s failed to load: %s", engineName, e.getMessage());
      return ExitCodes.ENGINE_FAILED;
    }
    NodeWorker worker =
        NodeAssembly.worker(
            config,
            settings.env(),
            transcriber,
            Clock.systemUTC(),
            ConfigReenrolment.from(settings, file, node.get()));
    HealthServer health = startHealth(settings, worker);
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
      reason = worker.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      reason = StopReason.SIGNAL;
    }
    if (health != null) {
      health.close();
    }
    transcriber.close();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down because of a signal: the hook is running, nothing to remove.
    }
    return reason.exitCode();
  }

  private Optional<StoredNode> credentials(Settings settings, ConfigFile file) {
    String url = first(server, settings.get("CAST2MD_SERVER_URL"), null, null);
    try {
      Optional<StoredNode> stored = file.read();
      String wanted = url == null ? null : Settings.normaliseServer(url);
      if (stored.isPresent() && (wanted == null || wanted.equals(stored.get().serverUrl()))) {
        return stored;
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
          Registration.register(
              settings,
              file,
              wanted,
              first(name, settings.get("NODE_NAME"), null, settings.defaultName()),
              first(engine, settings.get("TRANSCRIPTION_BACKEND"), null, "sphinx"),
              first(model, settings.get("WHISPER_MODEL"), null, null)));
    } catch (IOException | RuntimeException e) {
      EventLog.error("registration failed: %s", e.getMessage());
      return Optional.empty();
    }
  }

  private static HealthServer startHealth(Settings settings, NodeWorker worker) {
    int port = settings.healthPort();
    if (port < 0) {
      return null;
    }
    try {
      return HealthServer.start(settings.get("NODE_HEALTH_HOST", "0.0.0.0"), port, worker.health());
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
