package dev.cast2md.pods.control;

import dev.cast2md.pods.entity.GpuOffer;
import dev.cast2md.pods.entity.PodLaunch;
import dev.cast2md.pods.entity.ProvidedPod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Pods as worker processes on this machine: the embedded capacity when no RunPod key is set, and
 * what the tests drive. A pod is one worker process with the pod environment; terminating it sends
 * SIGTERM (the worker gives its jobs back) and kills it if it has not exited after a grace period.
 */
public class LocalPodProvider implements PodProvider {
  public static final String NAME = "local";
  static final String GPU = "cpu";
  private static final Logger LOG = Logger.getLogger(LocalPodProvider.class.getName());
  private static final long KILL_AFTER_SECONDS = 20;

  private final List<String> launcher;
  private final Path home;
  private final String serverUrl;
  private final Map<String, Process> processes = new ConcurrentHashMap<>();

  /**
   * @param launcher the command that runs the worker (java -jar … or java -cp … main class)
   * @param home where each pod gets its config, work directory and log
   * @param serverUrl how a local worker reaches this server
   */
  public LocalPodProvider(List<String> launcher, Path home, String serverUrl) {
    this.launcher = List.copyOf(launcher);
    this.home = home;
    this.serverUrl = serverUrl;
  }

  /** False when no worker jar or classes were found to run. */
  public boolean canLaunch() {
    return !launcher.isEmpty();
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ProvidedPod> list() {
    List<ProvidedPod> pods = new ArrayList<>();
    processes.forEach(
        (id, p) -> {
          if (p.isAlive()) {
            pods.add(pod(id));
          } else {
            processes.remove(id, p);
          }
        });
    return pods;
  }

  @Override
  public Optional<ProvidedPod> find(String podId) {
    Process p = processes.get(podId);
    return p != null && p.isAlive() ? Optional.of(pod(podId)) : Optional.empty();
  }

  @Override
  public ProvidedPod create(PodLaunch launch) {
    String id = launch.name();
    Path dir = home.resolve(id);
    try {
      Files.createDirectories(dir);
      List<String> command = new ArrayList<>(launcher);
      command.add("start");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("worker.log").toFile()));
      Map<String, String> env = pb.environment();
      env.remove("NODE_ENROLMENT_KEY");
      env.remove("RUNPOD_API_KEY");
      env.putAll(launch.env());
      if (env.getOrDefault("CAST2MD_SERVER_URL", "").isBlank()) {
        env.put("CAST2MD_SERVER_URL", serverUrl);
      }
      env.put("NODE_CONFIG", dir.resolve("worker.json").toString());
      env.put("NODE_WORK_DIR", dir.resolve("work").toString());
      env.put("NODE_HEALTH_PORT", "-1"); // several on one host; health travels in heartbeats
      Process p = pb.start();
      processes.put(id, p);
      LOG.info("event=local-pod-started pod=" + id + " pid=" + p.pid());
      return pod(id);
    } catch (IOException e) {
      throw new PodProviderException(
          PodProviderException.Kind.REFUSED,
          "Could not start a local worker: " + e.getMessage(),
          e);
    }
  }

  @Override
  public void terminate(String podId) {
    Process p = processes.remove(podId);
    if (p == null || !p.isAlive()) {
      return;
    }
    p.destroy();
    // Not waited for here: the worker may be the caller (its request-termination is in flight).
    p.onExit()
        .orTimeout(KILL_AFTER_SECONDS, TimeUnit.SECONDS)
        .exceptionally(
            t -> {
              LOG.warning("event=local-pod-killed pod=" + podId + " (no exit after SIGTERM)");
              p.destroyForcibly();
              return p;
            });
    LOG.info("event=local-pod-stopping pod=" + podId);
  }

  /** Stops every local worker, waiting for them, when the server stops. */
  public void stopAll() {
    List<Process> all = new ArrayList<>(processes.values());
    processes.clear();
    for (Process p : all) {
      p.destroy();
    }
    for (Process p : all) {
      try {
        if (!p.waitFor(KILL_AFTER_SECONDS, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  @Override
  public List<GpuOffer> gpuTypes() {
    return List.of(new GpuOffer(GPU, "This machine's CPU", 0, 0.0));
  }

  private static ProvidedPod pod(String id) {
    return new ProvidedPod(id, id, ProvidedPod.Status.RUNNING, GPU, GPU, 0.0, "127.0.0.1");
  }
}
