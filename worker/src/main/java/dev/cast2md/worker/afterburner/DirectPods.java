package dev.cast2md.worker.afterburner;

import dev.cast2md.worker.node.Backoff;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pods created through RunPod itself ({@code --direct}), for when the server has no RunPod key. The
 * pod enrols with the server's enrolment key (a RunPod secret) and ends itself when its worker
 * stops; this run ends it when it lingers or on Ctrl+C. The cap ({@code AFTERBURNER_MAX_PODS}) is
 * counted on RunPod's list under a machine-wide file lock, so parallel runs on this machine never
 * exceed it. Names start with {@code cast2md-direct-}, which the server's reaper leaves alone.
 */
final class DirectPods implements PodSource {
  private static final Duration LOCK_WAIT = Duration.ofSeconds(120);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RunPodDirect runPod;
  private final ServerClient server;
  private final DirectConfig config;
  private final Clock clock;
  private final Backoff.Sleeper sleeper;
  private final Map<String, String> podIds = new ConcurrentHashMap<>();
  private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
  private final Map<String, Double> costPerHour = new ConcurrentHashMap<>();
  private final Map<String, String> gpus = new ConcurrentHashMap<>();

  DirectPods(
      RunPodDirect runPod,
      ServerClient server,
      DirectConfig config,
      Clock clock,
      Backoff.Sleeper sleeper) {
    this.runPod = runPod;
    this.server = server;
    this.config = config;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  static String nodeName(String instanceId) {
    return RunPodDirect.DIRECT_PREFIX + instanceId;
  }

  @Override
  public Optional<String> precheck() throws IOException, InterruptedException, ServerException {
    runPod.pods(); // the key works and RunPod answers
    return Optional.empty();
  }

  @Override
  public Start start(boolean persistent) throws IOException, InterruptedException, ServerException {
    Files.createDirectories(config.lockFile().toAbsolutePath().getParent());
    try (FileChannel channel =
            FileChannel.open(
                config.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lock(channel)) {
      if (lock == null) {
        return Start.refused("another afterburner holds " + config.lockFile(), true);
      }
      int running = runPod.named(RunPodDirect.DIRECT_PREFIX).size();
      if (running >= config.maxPods()) {
        return Start.refused(
            "Max pods (" + config.maxPods() + ") reached (" + running + " direct pods)", true);
      }
      return create(persistent);
    }
  }

  private Start create(boolean persistent)
      throws IOException, InterruptedException, ServerException {
    String instanceId = HexFormat.of().formatHex(randomBytes());
    String name = nodeName(instanceId);
    Map<String, String> env = config.podEnv(instanceId, name, persistent);
    ServerException last = null;
    for (String gpu : config.gpus()) {
      try {
        JsonObject pod = runPod.create(name, config.image(), gpu, env);
        String podId = PodStatus.text(pod, "id");
        podIds.put(instanceId, podId);
        startedAt.put(instanceId, clock.instant());
        gpus.put(instanceId, gpu);
        return Start.started(instanceId, "RunPod pod " + podId + " on " + gpu);
      } catch (ServerException e) {
        if (!RunPodDirect.noCapacity(e)) {
          throw e;
        }
        last = e; // no capacity for this GPU: the next one
      }
    }
    return Start.refused(
        "No GPU available (" + (last == null ? "no GPU types" : last.detail()) + ")", true);
  }

  @Override
  public Optional<State> state(String instanceId)
      throws IOException, InterruptedException, ServerException {
    String podId = podIds.get(instanceId);
    if (podId == null) {
      return Optional.empty();
    }
    Optional<JsonObject> pod = runPod.find(podId);
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    JsonObject p = pod.get();
    if (p.get("cost") instanceof JsonNumber n) {
      costPerHour.put(instanceId, n.doubleValue());
    }
    String status =
        String.valueOf(PodStatus.text(p, p.containsKey("status") ? "status" : "desiredStatus"))
            .toUpperCase(Locale.ROOT);
    boolean runtime = p.get("runtime") instanceof JsonObject;
    if (status.equals("EXITED") || status.equals("ERROR") || status.equals("TERMINATED")) {
      return Optional.of(new State("failed", podId, "RunPod: " + status, "pod " + status));
    }
    if (!status.equals("RUNNING") || !runtime) {
      return Optional.of(new State("starting", podId, "RunPod: " + status, null));
    }
    if (server.nodeOnline(nodeName(instanceId))) {
      return Optional.of(new State("ready", podId, "worker registered with the server", null));
    }
    return Optional.of(new State("connecting", podId, "pod running, worker not registered", null));
  }

  @Override
  public String end(String instanceId, String podId)
      throws IOException, InterruptedException, ServerException {
    String id = podId != null ? podId : podIds.get(instanceId);
    if (id == null) {
      return "pod " + instanceId + " is unknown";
    }
    runPod.terminate(id);
    return "terminated pod " + instanceId + " (" + id + ") through RunPod";
  }

  @Override
  public String endHint(String podId) {
    return "'afterburner --direct --terminate-all'";
  }

  @Override
  public String progress(String instanceId) {
    Double rate = instanceId == null ? null : costPerHour.get(instanceId);
    return rate == null ? "" : String.format(Locale.ROOT, " | $%.2f/h", rate);
  }

  @Override
  public String summary(String instanceId, long runtimeSeconds) {
    if (instanceId == null) {
      return "runtime "
          + ProgressLine.runtime(runtimeSeconds)
          + "; this run started no pod (other pods worked the queue)";
    }
    Instant since = startedAt.get(instanceId);
    double hours =
        since == null ? 0 : Duration.between(since, clock.instant()).toMillis() / 3_600_000.0;
    Double rate = costPerHour.get(instanceId);
    return String.format(
        Locale.ROOT,
        "runtime %s; pod %s on %s: %.2f pod hours, about $%.2f (RunPod's rate %s)",
        ProgressLine.runtime(runtimeSeconds),
        instanceId,
        gpus.getOrDefault(instanceId, "?"),
        hours,
        rate == null ? 0.0 : rate * hours,
        rate == null ? "unknown" : String.format(Locale.ROOT, "$%.2f/h", rate));
  }

  /** Waits (bounded) for the machine-wide lock; null when another run holds it too long. */
  private FileLock lock(FileChannel channel) throws IOException, InterruptedException {
    Instant deadline = clock.instant().plus(LOCK_WAIT);
    while (true) {
      FileLock lock = channel.tryLock();
      if (lock != null || clock.instant().isAfter(deadline)) {
        return lock;
      }
      sleeper.sleep(Duration.ofMillis(200));
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[4];
    RANDOM.nextBytes(b);
    return b;
  }
}
