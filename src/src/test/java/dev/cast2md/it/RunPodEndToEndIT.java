package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.testing.FakeRunPod;
import dev.cast2md.worker.engine.SpeechFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The money path end to end: the server autoscales pods on a fake RunPod whose pods run the real
 * worker; the pods register with their setup tokens, drain the queue, ask to be terminated and are;
 * every cost record closes and nothing is left running, across a server restart in the middle.
 */
class RunPodEndToEndIT {
  private static final List<String> SETTINGS =
      List.of(
          "RUNPOD_ENABLED",
          "RUNPOD_AUTO_SCALE",
          "RUNPOD_MAX_PODS",
          "RUNPOD_SCALE_THRESHOLD",
          "RUNPOD_WHISPER_MODEL",
          "POD_HEALTH_GRACE_SECONDS");

  final LibertyServer server = LibertyServer.get();
  final Api api = new Api(server.base());
  FakeRunPod fake;
  WorkerContainers containers;

  @BeforeEach
  void startFakeRunPod() throws Exception {
    Path root = Files.createDirectories(Path.of("target/runpod-e2e"));
    containers = new WorkerContainers(root);
    fake = containers.startFakeRunPod(server);
  }

  @AfterEach
  void cleanUp() {
    api.put("/api/settings/RUNPOD_AUTO_SCALE", Map.of("value", "false"));
    api.delete("/api/runpod/pods");
    for (String key : SETTINGS) {
      api.delete("/api/settings/" + key);
    }
    containers.killAll();
    fake.close();
  }

  @Test
  void autoscaledPodsDrainTheQueueAndEndThemselvesAcrossARestart() throws Exception {
    Episodes.cancelJobs(api, "queued");
    Instant begun = Instant.now();
    Path speech =
        SpeechFixtures.synthesize(
            SpeechFixtures.SENTENCES.get(0), Path.of("target/runpod-e2e/sentence.wav"));
    byte[] audio = Files.readAllBytes(speech);
    RunPodPod leaked = fake.seedPod("cast2md-afterburner-feed01", "NVIDIA RTX A5000");
    RunPodPod foreign = fake.seedPod("someones-notebook", "NVIDIA RTX A5000");
    fake.noCapacity("NVIDIA RTX A5000").rateLimitNext(1, 1);

    List<Long> episodes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      episodes.add(Episodes.upload(api, "pod-episode-" + i, audio)[0]);
    }
    put("RUNPOD_WHISPER_MODEL", "sphinx");
    put("RUNPOD_MAX_PODS", "3");
    put("RUNPOD_SCALE_THRESHOLD", "5");
    put("POD_HEALTH_GRACE_SECONDS", "120");
    put("RUNPOD_ENABLED", "true");
    put("RUNPOD_AUTO_SCALE", "true");

    AtomicInteger maxStates = new AtomicInteger();
    Await.until(
        "three pods ready",
        Duration.ofMinutes(3),
        () -> {
          List<Map<String, Object>> states = states();
          maxStates.accumulateAndGet(states.size(), Math::max);
          return states.size() == 3
              && states.stream().allMatch(s -> "ready".equals(s.get("phase")));
        });
    assertTrue(fake.terminatedPodIds().contains(leaked.id()), "the leaked pod was reaped");
    Await.until(
        "every pod's worker reports UP in its heartbeats",
        Duration.ofSeconds(30),
        () -> {
          List<?> nodes = (List<?>) api.get("/api/nodes").json().get("nodes");
          long up =
              nodes.stream()
                  .map(n -> (Map<?, ?>) n)
                  .filter(n -> n.get("pod_instance_id") != null)
                  .filter(n -> "UP".equals(n.get("health")))
                  .count();
          return up == 3;
        });
    Await.until(
        "a few episodes done",
        Duration.ofMinutes(4),
        () -> completed(episodes) >= 3 || completed(episodes) == episodes.size());

    server.restart();

    Await.until(
        "the queue drained",
        Duration.ofMinutes(8),
        () -> {
          maxStates.accumulateAndGet(states().size(), Math::max);
          return completed(episodes) == episodes.size();
        });
    Await.until(
        "every pod ended itself",
        Duration.ofMinutes(3),
        () -> states().isEmpty() && ours(fake.pods()).isEmpty());

    assertEquals(3, maxStates.get(), "never more than the maximum");
    assertTrue(fake.createCount() >= 3, "created " + fake.createCount());
    Map<String, Object> status = api.get("/api/runpod/status").json();
    // other tests' pods are in the history too: only this test's runs count
    List<?> runs =
        ((List<?>) status.get("runs"))
            .stream()
                .filter(
                    o -> !Instant.parse((String) ((Map<?, ?>) o).get("started_at")).isBefore(begun))
                .toList();
    assertTrue(runs.size() >= 3, "cost records: " + runs);
    int jobs = 0;
    for (Object o : runs) {
      Map<?, ?> run = (Map<?, ?>) o;
      assertNotNull(run.get("ended_at"), "closed: " + run);
      assertNotNull(run.get("gpu_price_hr"), "priced: " + run);
      assertFalse(String.valueOf(run.get("gpu_type")).contains("A5000"), "A5000 had no capacity");
      jobs += ((Number) run.get("jobs_completed")).intValue();
    }
    assertTrue(jobs >= episodes.size(), "every delivered job counted: " + jobs);
    assertTrue(
        fake.pods().stream().anyMatch(p -> p.id().equals(foreign.id())),
        "a pod that is not ours is left alone");
    // the fake stops a terminated pod's container in the background
    Await.until(
        "no worker process left",
        Duration.ofSeconds(40),
        () -> containers.started.stream().noneMatch(Process::isAlive));
    for (long id : episodes) {
      assertEquals("completed", Episodes.episode(api, id).get("status"));
    }
    String body = api.get("/api/runpod/status").body();
    assertFalse(body.contains(LibertyServer.RUNPOD_KEY), "the key never shows");
  }

  private static List<RunPodPod> ours(List<RunPodPod> pods) {
    return pods.stream().filter(p -> p.name().startsWith("cast2md-afterburner-")).toList();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> states() {
    Api.Reply r = api.get("/api/runpod/status");
    assertEquals(200, r.status(), r.body());
    return (List<Map<String, Object>>) r.json().get("setup_states");
  }

  private long completed(List<Long> episodes) {
    return episodes.stream()
        .filter(id -> "completed".equals(Episodes.episode(api, id).get("status")))
        .count();
  }

  private void put(String key, String value) {
    Api.Reply r = api.put("/api/settings/" + key, Map.of("value", value));
    assertEquals(200, r.status(), r.body());
  }
}
