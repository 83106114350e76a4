package dev.cast2md.pods.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cast2md.nodes.control.NodeAdmin;
import dev.cast2md.nodes.control.NodeKeys;
import dev.cast2md.nodes.control.NodeRepository;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.pods.entity.PodRun;
import dev.cast2md.pods.entity.SetupPhase;
import dev.cast2md.pods.entity.SetupState;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.queue.entity.JobType;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import dev.cast2md.testing.MapConfig;
import dev.cast2md.testing.MutableClock;
import dev.cast2md.testing.SimplePool;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pod lifecycle, reaper and autoscaler against a scripted provider, on a real database. */
abstract class PodLifecycleContract {
  abstract SimplePool newPool(int size);

  SimplePool pool;
  Database db;
  MutableClock clock;
  Settings settings;
  ScriptedProvider provider;
  PodLifecycle lifecycle;
  PodSweep sweep;
  Autoscaler autoscaler;
  JobQueue queue;
  String token;
  HttpServer health;
  volatile String workerHealth = "UP";

  @BeforeEach
  void setUp() throws java.io.IOException {
    pool = newPool(4);
    db = new Database(pool);
    clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    settings =
        new Settings(
            db,
            new MapConfig()
                .set("RUNPOD_SERVER_URL", "http://100.64.0.1:8000")
                .set("RUNPOD_SERVER_IP", "100.64.0.1"),
            clock);
    settings.override(SettingKey.RUNPOD_ENABLED, "true");
    provider = new ScriptedProvider();
    lifecycle =
        new PodLifecycle(db, settings, provider, new NodeAdmin(db, clock), clock, Runnable::run);
    health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    health.createContext(
        "/health",
        x -> {
          byte[] body =
              ("{\"status\":\"" + workerHealth + "\",\"checks\":[]}")
                  .getBytes(StandardCharsets.UTF_8);
          x.sendResponseHeaders("UP".equals(workerHealth) ? 200 : 503, body.length);
          x.getResponseBody().write(body);
          x.close();
        });
    health.start();
    sweep =
        new PodSweep(db, lifecycle, clock, new WorkerHealthProbe(health.getAddress().getPort()));
    autoscaler = new Autoscaler(db, lifecycle, clock);
    queue =
        new JobQueue(
            db,
            clock,
            () ->
                new QueuePolicy(
                    Duration.ofMinutes(5),
                    Duration.ofSeconds(90),
                    Duration.ofMinutes(5),
                    5,
                    Duration.ofHours(12),
                    10));
  }

  @AfterEach
  void tearDown() {
    health.stop(0);
    pool.close();
  }

  private SetupState state(String instance) {
    return lifecycle.state(instance).orElseThrow();
  }

  private String created() {
    String id = lifecycle.create(false, false).instanceId();
    token =
        provider.envs.isEmpty()
            ? null
            : provider.envs.get(provider.envs.size() - 1).get("SETUP_TOKEN");
    return id;
  }

  private String register(String instance) {
    return db.inTransaction(
        c ->
            NodeRepository.create(
                c,
                PodNames.nodeName("runpod", instance),
                null,
                "parakeet-tdt-0.6b-v3",
                "parakeet",
                10,
                NodeKeys.hash(NodeKeys.newSecret()),
                instance,
                clock.instant()));
  }

  private void heartbeat(String nodeId) {
    db.inTransaction(
        c -> {
          Sql.update(
              c,
              "UPDATE transcriber_node SET last_heartbeat = ?, status = 'online' WHERE id = ?",
              clock.instant(),
              nodeId);
          return null;
        });
  }

  private long episodes(int n) {
    return db.inTransaction(
        c -> {
          long last = 0;
          for (int i = 0; i < n; i++) {
            last =
                Sql.insert(
                    c,
                    "INSERT INTO episode (guid, title, status, duration_seconds, created_at,"
                        + " updated_at) VALUES (?, ?, 'queued', 1800, ?, ?)",
                    "g" + i + "-" + System.nanoTime(),
                    "Episode " + i,
                    clock.instant(),
                    clock.instant());
            queue.enqueue(c, last, JobType.TRANSCRIBE, 10);
          }
          return last;
        });
  }

  private void readyPod(String instance) {
    SetupState s = state(instance);
    provider.run(s.podId());
    sweep.sweep();
    assertEquals(
        LifecycleOutcome.OK,
        LifecycleOutcome.of(
            lifecycle.setupProgress(
                instance, token, "ready", "Worker is running", null, "127.0.0.1")));
  }

  /** Keeps the assertion readable. */
  enum LifecycleOutcome {
    OK,
    OTHER;

    static LifecycleOutcome of(PodLifecycle.ProgressOutcome o) {
      return o == PodLifecycle.ProgressOutcome.OK ? OK : OTHER;
    }
  }

  @Test
  void createPersistsStateThenCreatesPodOnPreferredGpuAndOpensCostRecord() {
    String id = created();
    SetupState s = state(id);
    assertEquals(SetupPhase.STARTING, s.phase());
    assertEquals("NVIDIA RTX A5000", s.gpuType());
    assertEquals(PodNames.podName(id), provider.pods.get(s.podId()).name());
    PodRun run = db.inTransaction(c -> PodRuns.current(c, id)).orElseThrow();
    assertEquals(0.27, run.gpuPriceHr());
    Map<String, String> env = provider.envs.get(0);
    assertEquals(id, env.get("INSTANCE_ID"));
    assertEquals("http://100.64.0.1:8000", env.get("CAST2MD_SERVER_URL"));
    assertEquals("parakeet", env.get("TRANSCRIPTION_BACKEND"));
    assertEquals("0", env.get("NODE_PERSISTENT"));
    assertFalse(env.containsKey("RUNPOD_API_KEY"), "the account key never goes into a pod");
    assertNotNull(env.get("SETUP_TOKEN"));
  }

  @Test
  void capacityErrorsMoveOnByPriceAndBlockedGpusAreNeverTried() {
    provider.noCapacity.add("NVIDIA RTX A5000");
    String id = created();
    // A5000 preferred (no capacity), then cheapest first: 4090 is blocked, L40S has no price
    assertEquals(List.of("NVIDIA RTX A5000", "NVIDIA RTX A4000"), provider.attempts);
    assertEquals("NVIDIA RTX A4000", state(id).gpuType());
  }

  @Test
  void aBlockedGpuAllocatedUnderItsDisplayNameIsTerminatedAndTheNextTried() {
    provider.substitute.put("NVIDIA RTX A5000", "NVIDIA GeForce RTX 4090");
    String id = created();
    assertEquals(1, provider.terminated.size(), "the substituted 4090 pod is ended at once");
    assertEquals("NVIDIA RTX A4000", state(id).gpuType());
  }

  @Test
  void noGpuAnywhereFailsAndTheReaperRemovesTheFailedState() {
    provider.noCapacity.addAll(
        List.of(
            "NVIDIA RTX A5000", "NVIDIA RTX A4000", "NVIDIA GeForce RTX 3090", "NVIDIA RTX A6000"));
    String id = created();
    SetupState s = state(id);
    assertEquals(SetupPhase.FAILED, s.phase());
    assertTrue(s.error().startsWith("No GPU available"), s.error());
    sweep.sweep();
    assertTrue(lifecycle.state(id).isEmpty());
    assertEquals(1, lifecycle.failureStreak());
  }

  @Test
  void startingThenRunningThenReadyByReportAndRefusedReportsChangeNothing() {
    String id = created();
    SetupState s = state(id);
    sweep.sweep();
    assertEquals(SetupPhase.STARTING, state(id).phase(), "no runtime yet");
    provider.run(s.podId());
    sweep.sweep();
    assertEquals(SetupPhase.CONNECTING, state(id).phase());
    assertEquals(
        PodLifecycle.ProgressOutcome.MISSING_TOKEN,
        lifecycle.setupProgress(id, null, "ready", "", null, null));
    assertEquals(
        PodLifecycle.ProgressOutcome.BAD_TOKEN,
        lifecycle.setupProgress(id, "wrong", "ready", "", null, null));
    assertEquals(
        PodLifecycle.ProgressOutcome.UNKNOWN_INSTANCE,
        lifecycle.setupProgress("nope", token, "ready", "", null, null));
    assertEquals(
        PodLifecycle.ProgressOutcome.BAD_PHASE,
        lifecycle.setupProgress(id, token, "creating", "", null, null));
    assertEquals(SetupPhase.CONNECTING, state(id).phase());
    assertEquals(
        PodLifecycle.ProgressOutcome.OK,
        lifecycle.setupProgress(id, token, "installing", "Loading model", null, "100.64.0.9"));
    assertEquals(SetupPhase.INSTALLING, state(id).phase());
    assertEquals("100.64.0.9", state(id).hostIp());
    lifecycle.setupProgress(id, token, "ready", "Worker is running", null, null);
    assertEquals(SetupPhase.READY, state(id).phase());
    assertNotNull(state(id).readyAt());
    lifecycle.setupProgress(id, token, "installing", "late", null, null);
    assertEquals(SetupPhase.READY, state(id).phase(), "a ready pod is not set back");
  }

  @Test
  void aRegisteredNodeMakesThePodReadyEvenWithoutAReport() {
    String id = created();
    provider.run(state(id).podId());
    sweep.sweep();
    register(id);
    sweep.sweep();
    assertEquals(SetupPhase.READY, state(id).phase());
  }

  @Test
  void aPodReportingFailedIsTerminatedNotJustMarked() {
    String id = created();
    String podId = state(id).podId();
    provider.run(podId);
    sweep.sweep();
    lifecycle.setupProgress(id, token, "failed", "GPU validation failed", "CUDA error 35", null);
    sweep.sweep();
    assertTrue(provider.terminated.contains(podId));
    assertTrue(lifecycle.state(id).isEmpty());
    PodRun run = db.inTransaction(c -> PodRuns.since(c, Instant.EPOCH)).get(0);
    assertNotNull(run.endedAt());
    assertTrue(run.endReason().contains("CUDA error 35"), run.endReason());
  }

  @Test
  void podsThatDoNotStartOrDoNotFinishSetupAreTerminatedAtTheirTimeouts() {
    String slow = created();
    String slowPod = state(slow).podId();
    clock.advance(Duration.ofMinutes(11));
    sweep.sweep();
    assertTrue(provider.terminated.contains(slowPod), "never RUNNING within 10 min");
    String stuck = created();
    String stuckPod = state(stuck).podId();
    provider.run(stuckPod);
    sweep.sweep();
    clock.advance(Duration.ofMinutes(14));
    sweep.sweep();
    assertFalse(provider.terminated.contains(stuckPod), "still within 15 min");
    clock.advance(Duration.ofMinutes(2));
    sweep.sweep();
    assertTrue(provider.terminated.contains(stuckPod), "setup timed out");
  }

  @Test
  void aSilentWorkerIsTerminatedAndItsJobsGoBackToTheQueue() {
    String id = created();
    readyPod(id);
    String node = register(id);
    heartbeat(node);
    episodes(2);
    assertTrue(queue.claim(node, JobType.TRANSCRIBE).isPresent());
    clock.advance(Duration.ofSeconds(200));
    sweep.sweep();
    assertTrue(lifecycle.state(id).isPresent(), "within the grace");
    clock.advance(Duration.ofSeconds(200));
    sweep.sweep();
    assertTrue(lifecycle.state(id).isEmpty());
    long queued =
        db.inTransaction(c -> Sql.count(c, "SELECT COUNT(*) FROM job WHERE status = 'queued'"));
    assertEquals(2, queued);
    assertTrue(db.inTransaction(c -> NodeRepository.find(c, node)).isEmpty());
  }

  @Test
  void aWorkerReportingDownBeyondTheGraceIsTerminated() {
    String id = created();
    readyPod(id);
    health.stop(0); // only the heartbeat's report counts here
    String node = register(id);
    heartbeat(node);
    db.inTransaction(
        c -> {
          NodeRepository.recordHealth(c, node, "DOWN", "engine failed", clock.instant());
          return null;
        });
    clock.advance(Duration.ofSeconds(100));
    heartbeat(node);
    db.inTransaction(
        c -> {
          NodeRepository.recordHealth(c, node, "DOWN", "engine failed", clock.instant());
          return null;
        });
    sweep.sweep();
    assertTrue(lifecycle.state(id).isPresent(), "DOWN for 100 s only");
    clock.advance(Duration.ofSeconds(250));
    heartbeat(node);
    sweep.sweep();
    assertTrue(lifecycle.state(id).isEmpty(), "DOWN for 350 s > 300 s grace");
  }

  @Test
  void aWorkerWhoseHealthEndpointSaysDownIsTerminatedAfterTheGrace() {
    String id = created();
    readyPod(id);
    String node = register(id);
    heartbeat(node);
    sweep.sweep();
    assertTrue(lifecycle.state(id).isPresent());
    workerHealth = "DOWN";
    sweep.sweep();
    clock.advance(Duration.ofSeconds(200));
    heartbeat(node);
    sweep.sweep();
    assertTrue(lifecycle.state(id).isPresent(), "within the grace");
    clock.advance(Duration.ofSeconds(200));
    heartbeat(node);
    sweep.sweep();
    assertTrue(
        lifecycle.state(id).isEmpty(),
        "polled DOWN beyond the grace: "
            + db.inTransaction(c -> NodeRepository.find(c, node))
            + " state "
            + lifecycle.state(id));
  }

  @Test
  void leakedPodsWithOurNameAreTerminatedForeignOnesLeftAlone() {
    provider.seed("leak1", PodNames.PREFIX + "dead01");
    provider.seed("leak2", PodNames.PREFIX + "dead02");
    provider.seed("mine", "my-jupyter");
    sweep.sweep();
    assertEquals(java.util.Set.of("leak1", "leak2"), java.util.Set.copyOf(provider.terminated));
    assertTrue(provider.pods.containsKey("mine"));
  }

  @Test
  void aFailingListingIsNotTakenAsEveryPodBeingGone() {
    String id = created();
    readyPod(id);
    heartbeat(register(id));
    provider.listingFails = true;
    sweep.sweep();
    assertTrue(lifecycle.state(id).isPresent());
    provider.listingFails = false;
    provider.pods.remove(state(id).podId());
    sweep.sweep();
    assertTrue(lifecycle.state(id).isEmpty(), "gone for real");
  }

  @Test
  void aCreationInterruptedByARestartIsAdoptedByNameOrForgotten() {
    String id = created();
    String podId = state(id).podId();
    db.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE pod_setup_state SET phase = 'creating', pod_id = NULL WHERE instance_id = ?",
                id));
    sweep.sweep();
    assertEquals(podId, state(id).podId(), "adopted by its name");
    String ghost = created();
    provider.pods.remove(state(ghost).podId());
    db.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE pod_setup_state SET phase = 'creating', pod_id = NULL WHERE instance_id = ?",
                ghost));
    sweep.sweep();
    assertTrue(lifecycle.state(ghost).isEmpty());
  }

  @Test
  void persistentPodsEndAtTheirMaximumLifetime() {
    String id = lifecycle.create(true, false).instanceId();
    token = provider.envs.get(0).get("SETUP_TOKEN");
    assertEquals("1", provider.envs.get(0).get("NODE_PERSISTENT"));
    readyPod(id);
    String node = register(id);
    for (int h = 0; h < 25; h++) {
      clock.advance(Duration.ofHours(1));
      heartbeat(node);
      sweep.sweep();
    }
    assertTrue(lifecycle.state(id).isEmpty());
  }

  @Test
  void switchingRunPodOffTerminatesEveryPod() {
    String a = created();
    String b = created();
    settings.override(SettingKey.RUNPOD_ENABLED, "false");
    sweep.sweep();
    assertTrue(lifecycle.state(a).isEmpty());
    assertTrue(lifecycle.state(b).isEmpty());
    assertTrue(provider.pods.isEmpty());
  }

  @Test
  void theCapIsEnforcedWithAReason() {
    created();
    created();
    created();
    PodRefusedException e = assertThrows(PodRefusedException.class, this::created);
    assertTrue(e.getMessage().startsWith("Max pods (3) reached"), e.getMessage());
  }

  @Test
  void nodeRequestedTerminationEndsThePodAndClosesItsCostWithJobsCounted() {
    String id = created();
    readyPod(id);
    String node = register(id);
    long episode = episodes(1);
    db.inTransaction(
        c -> {
          lifecycle.jobCompleted(c, id, 1800);
          return null;
        });
    clock.advance(Duration.ofHours(1));
    assertEquals("terminated", lifecycle.terminate(id, node).status());
    PodRun run = db.inTransaction(c -> PodRuns.since(c, Instant.EPOCH)).get(0);
    assertEquals(1, run.jobsCompleted());
    assertEquals(1800.0, run.audioSeconds());
    assertEquals(0.27, run.cost(clock.instant()), 1e-6);
    PodCosts.Summary s = new PodCosts(db).summarize(clock.instant(), 30);
    assertEquals(0.54, s.costPerAudioHour(), 1e-6);
    assertTrue(episode > 0);
  }

  @Test
  void autoscalerFollowsTheQueueUpToTheCapAndNeverFlaps() {
    settings.override(SettingKey.RUNPOD_AUTO_SCALE, "true");
    assertEquals(0, autoscaler.scale(), "empty queue");
    episodes(15);
    assertEquals(2, autoscaler.scale(), "ceil(15 / 10)");
    assertEquals(0, autoscaler.scale(), "already there");
    episodes(30);
    assertEquals(1, autoscaler.scale(), "45 queued wants 5, capped at 3");
    assertEquals(3, lifecycle.activeCount());
    String one = lifecycle.states().get(0).instanceId();
    lifecycle.terminateInstance(one, "test");
    assertEquals(0, autoscaler.scale(), "a pod ended this minute");
    clock.advance(Duration.ofSeconds(61));
    assertEquals(1, autoscaler.scale());
    assertEquals(Autoscaler.desired(0, 10, 3), 0);
    assertEquals(Autoscaler.desired(1, 10, 3), 1);
    assertEquals(Autoscaler.desired(10, 10, 3), 1);
    assertEquals(Autoscaler.desired(11, 10, 3), 2);
  }

  @Test
  void autoscalerPausesAfterThreeFailedSetups() {
    settings.override(SettingKey.RUNPOD_AUTO_SCALE, "true");
    settings.override(SettingKey.RUNPOD_MAX_PODS, "1");
    episodes(5);
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofMinutes(2));
      assertEquals(1, autoscaler.scale());
      String id = lifecycle.states().get(0).instanceId();
      lifecycle.fail(id, "smoke test failed");
      sweep.sweep();
    }
    clock.advance(Duration.ofMinutes(2));
    assertEquals(0, autoscaler.scale(), "paused");
    clock.advance(Duration.ofMinutes(31));
    assertEquals(1, autoscaler.scale(), "tries again later");
    assertNull(null);
  }
}
