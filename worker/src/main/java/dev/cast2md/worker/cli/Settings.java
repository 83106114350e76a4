package dev.cast2md.worker.cli;

import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.node.Backoff;
import dev.cast2md.worker.node.PodIdentity;
import dev.cast2md.worker.node.StopSettings;
import dev.cast2md.worker.node.WorkerConfig;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Configuration from the environment (the seed's variable names, so pod templates keep working),
 * overridden by command-line flags, falling back to the stored registration and then defaults. The
 * README's table of variables is generated from the constants here.
 */
public final class Settings {
  private final Map<String, String> env;

  public Settings(Map<String, String> env) {
    this.env = env;
  }

  public Map<String, String> env() {
    return env;
  }

  public String get(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? null : value.strip();
  }

  public String get(String name, String fallback) {
    String value = get(name);
    return value == null ? fallback : value;
  }

  public int integer(String name, int fallback) {
    String value = get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + value + "'");
    }
  }

  public boolean flag(String name, boolean fallback) {
    String value = get(name);
    if (value == null) {
      return fallback;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes", "on" -> true;
      case "0", "false", "no", "off" -> false;
      default -> throw new IllegalArgumentException(name + " must be 1 or 0, was '" + value + "'");
    };
  }

  public Path configPath() {
    return Path.of(get("NODE_CONFIG", Path.of(home(), ".cast2md", "worker.json").toString()));
  }

  public String defaultName() {
    try {
      return get("NODE_NAME", InetAddress.getLocalHost().getHostName());
    } catch (java.io.IOException e) {
      return get("NODE_NAME", "cast2md-worker");
    }
  }

  public int healthPort() {
    return integer("NODE_HEALTH_PORT", 8001);
  }

  /**
   * A RunPod pod of the server when both {@code INSTANCE_ID} and {@code SETUP_TOKEN} are set: it
   * then reports its setup; {@code POD_HOST_IP} is its Tailscale address, sent along when known.
   */
  public Optional<PodIdentity> pod() {
    String instance = get("INSTANCE_ID");
    String token = get("SETUP_TOKEN");
    if (instance == null || token == null) {
      return Optional.empty();
    }
    return Optional.of(new PodIdentity(instance, token, get("POD_HOST_IP")));
  }

  /** Adds http:// when missing and drops a trailing slash, as cast2md's node register does. */
  public static String normaliseServer(String url) {
    String withScheme = url.contains("://") ? url : "http://" + url;
    return withScheme.endsWith("/") ? withScheme.substring(0, withScheme.length() - 1) : withScheme;
  }

  public EngineSettings engine(String engine, String model) {
    Path workDir = workDir();
    return new EngineSettings(
        engine,
        model,
        get("NODE_COMMAND"),
        Path.of(get("SPHINX_MODEL_DIR", "/usr/share/pocketsphinx/model/en-us")),
        integer("SPHINX_THREADS", Runtime.getRuntime().availableProcessors()),
        integer("NODE_CHUNK_SECONDS", 0),
        integer("NODE_COMMAND_TIMEOUT_SECONDS", 1800),
        workDir.resolve("engine"));
  }

  /** Per process, so that two workers on one machine never clean each other's files. */
  public Path workDir() {
    return workRoot().resolve(String.valueOf(ProcessHandle.current().pid()));
  }

  /** Absolute: engines run their subprocesses inside it and pass it paths below it. */
  public Path workRoot() {
    return Path.of(
            get(
                "NODE_WORK_DIR",
                Path.of(System.getProperty("java.io.tmpdir"), "cast2md-worker").toString()))
        .toAbsolutePath();
  }

  public WorkerConfig worker(StoredNode node, Path configPath) {
    Path spool =
        Path.of(
            get(
                "NODE_SPOOL_DIR",
                configPath
                    .toAbsolutePath()
                    .getParent()
                    .resolve("spool")
                    .resolve(node.nodeId())
                    .toString()));
    StopSettings stop =
        new StopSettings(
            flag("NODE_PERSISTENT", false),
            integer("NODE_REQUIRED_EMPTY_CHECKS", 2),
            Duration.ofSeconds(integer("NODE_EMPTY_QUEUE_WAIT", 60)),
            Duration.ofMinutes(integer("NODE_IDLE_TIMEOUT_MINUTES", 10)),
            Duration.ofMinutes(integer("NODE_SERVER_UNREACHABLE_MINUTES", 5)),
            integer("NODE_MAX_CONSECUTIVE_FAILURES", 3));
    return new WorkerConfig(
        URI.create(node.serverUrl()),
        node.nodeId(),
        node.apiKey(),
        node.name(),
        Duration.ofSeconds(integer("NODE_POLL_INTERVAL_SECONDS", 5)),
        Duration.ofSeconds(integer("NODE_HEARTBEAT_INTERVAL_SECONDS", 30)),
        integer("NODE_PREFETCH", 3),
        workDir(),
        spool,
        integer("NODE_MAX_AUDIO_MB", 2048) * 1024L * 1024L,
        flag("NODE_DIRECT_DOWNLOAD", true),
        Duration.ofSeconds(integer("NODE_SHUTDOWN_GRACE_SECONDS", 10)),
        stop,
        new Backoff(
            integer("NODE_COMPLETE_RETRIES", 5), Duration.ofSeconds(2), Duration.ofSeconds(60)));
  }

  private static String home() {
    return System.getProperty("user.home");
  }
}
