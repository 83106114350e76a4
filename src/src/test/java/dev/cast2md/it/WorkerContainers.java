package dev.cast2md.it;

import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.testing.FakeRunPod;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * What a fake RunPod pod runs: the real worker jar with the environment the pod was given (what the
 * pod's start-up script would hand on after Tailscale), plus fast polling so a test does not wait
 * minutes for an empty queue to be noticed.
 */
final class WorkerContainers implements FakeRunPod.Containers {
  private final Path root;
  final List<Process> started = new CopyOnWriteArrayList<>();

  WorkerContainers(Path root) {
    this.root = root;
  }

  @Override
  public FakeRunPod.Container start(RunPodPod pod, Map<String, String> podEnv) {
    try {
      Path home = Files.createDirectories(root.resolve(pod.id()));
      ProcessBuilder pb = workerProcess(home);
      Map<String, String> env = pb.environment();
      env.remove("NODE_ENROLMENT_KEY");
      env.putAll(podEnv);
      env.put("NODE_EMPTY_QUEUE_WAIT", "2");
      env.put("NODE_REQUIRED_EMPTY_CHECKS", "2");
      Process p = pb.start();
      started.add(p);
      return new FakeRunPod.Container() {
        @Override
        public void stop() {
          p.destroy();
          try {
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
              p.destroyForcibly();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
          }
        }

        @Override
        public boolean alive() {
          return p.isAlive();
        }
      };
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The worker jar's {@code start}, logging to {@code home/worker.log}, with its config and work
   * folders in {@code home}, no health port (several run on one host) and fast polling for tests.
   */
  static ProcessBuilder workerProcess(Path home) {
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("it.worker.jar", "../worker/target/cast2md-worker.jar"),
                "start")
            .redirectErrorStream(true)
            .redirectOutput(home.resolve("worker.log").toFile());
    Map<String, String> env = pb.environment();
    env.put("NODE_CONFIG", home.resolve("worker.json").toString());
    env.put("NODE_WORK_DIR", home.resolve("work").toString());
    env.put("NODE_HEALTH_PORT", "-1");
    env.put("NODE_POLL_INTERVAL_SECONDS", "1");
    env.put("NODE_HEARTBEAT_INTERVAL_SECONDS", "2");
    env.put("NODE_DIRECT_DOWNLOAD", "0");
    return pb;
  }

  /**
   * The fake RunPod the IT server is configured against, its pods running these containers (the
   * Tailscale secret its template refers to is set).
   */
  FakeRunPod startFakeRunPod(LibertyServer server) throws IOException {
    return FakeRunPod.start(server.runPodPort(), LibertyServer.RUNPOD_KEY)
        .secret("ts_auth_key", "tskey-it")
        .containers(this);
  }

  void killAll() {
    started.forEach(Process::destroyForcibly);
  }
}
