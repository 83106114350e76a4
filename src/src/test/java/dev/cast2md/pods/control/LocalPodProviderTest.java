package dev.cast2md.pods.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.pods.entity.PodLaunch;
import dev.cast2md.pods.entity.ProvidedPod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Local pods are real processes: started with the pod environment, ended with SIGTERM. */
class LocalPodProviderTest {
  @TempDir Path home;
  LocalPodProvider provider;

  /** Stands in for the worker: writes its environment, answers SIGTERM like the worker does. */
  private static final List<String> FAKE_WORKER =
      List.of(
          "sh",
          "-c",
          // written whole, then renamed: the test waits for the file, not for its last line
          "echo \"$1\" > args.tmp; mv args.tmp args.txt; env > env.tmp; mv env.tmp env.txt;"
              + " trap 'echo stopped > term.txt; exit 0' TERM;"
              + " while true; do sleep 0.1; done",
          "fake-worker");

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.stopAll();
    }
  }

  @Test
  void aPodIsAWorkerProcessWithThePodEnvironmentAndEndsOnSigterm() throws Exception {
    provider = new LocalPodProvider(FAKE_WORKER, home, "http://127.0.0.1:8000");
    ProvidedPod pod =
        provider.create(
            new PodLaunch(
                "cast2md-afterburner-0001",
                "cpu",
                Map.of("INSTANCE_ID", "0001", "SETUP_TOKEN", "tok", "CAST2MD_SERVER_URL", "")));
    assertEquals(ProvidedPod.Status.RUNNING, pod.status());
    Path dir = home.resolve("cast2md-afterburner-0001");
    await(() -> Files.exists(dir.resolve("env.txt")));
    String env = Files.readString(dir.resolve("env.txt"));
    assertTrue(env.contains("INSTANCE_ID=0001"), env);
    assertTrue(env.contains("CAST2MD_SERVER_URL=http://127.0.0.1:8000"), "blank URL → this server");
    assertTrue(env.contains("NODE_HEALTH_PORT=-1"));
    assertTrue(env.contains("NODE_CONFIG=" + dir.resolve("worker.json")));
    assertFalse(env.contains("RUNPOD_API_KEY="), "no account key in a local pod either");
    assertEquals("start", Files.readString(dir.resolve("args.txt")).trim());
    assertEquals(
        List.of("cast2md-afterburner-0001"),
        provider.list().stream().map(ProvidedPod::id).toList());

    provider.terminate(pod.id());
    await(() -> Files.exists(dir.resolve("term.txt")));
    assertTrue(provider.list().isEmpty());
    assertTrue(provider.find(pod.id()).isEmpty());
    provider.terminate(pod.id()); // already gone: not an error
  }

  @Test
  void aWorkerThatExitsOnItsOwnDisappearsFromTheListing() throws Exception {
    provider =
        new LocalPodProvider(List.of("sh", "-c", "exit 0", "w"), home, "http://127.0.0.1:8000");
    ProvidedPod pod = provider.create(new PodLaunch("cast2md-afterburner-0002", "cpu", Map.of()));
    await(() -> provider.list().isEmpty());
    assertTrue(provider.find(pod.id()).isEmpty());
  }

  @Test
  void withoutAWorkerToRunNothingCanLaunch() {
    assertFalse(new LocalPodProvider(List.of(), home, "http://x").canLaunch());
  }

  private static void await(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out");
      }
      Thread.sleep(50);
    }
  }
}
