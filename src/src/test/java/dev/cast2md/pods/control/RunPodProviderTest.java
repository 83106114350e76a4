package dev.cast2md.pods.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.nodes.control.NodeAdmin;
import dev.cast2md.platform.control.Database;
import dev.cast2md.pods.control.runpod.RetryPolicy;
import dev.cast2md.pods.control.runpod.RunPodClient;
import dev.cast2md.pods.control.runpod.Sleeper;
import dev.cast2md.pods.entity.PodRun;
import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.pods.entity.SetupPhase;
import dev.cast2md.pods.entity.SetupState;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import dev.cast2md.testing.FakeRunPod;
import dev.cast2md.testing.MapConfig;
import dev.cast2md.testing.MutableClock;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lifecycle on the RunPod provider, over HTTP against the fake RunPod REST v2 server. */
class RunPodProviderTest {
  FakeRunPod fake;
  RunPodClient client;
  SimplePool pool;
  Database db;
  MutableClock clock;
  Settings settings;
  RunPodProvider provider;
  PodLifecycle lifecycle;
  PodSweep sweep;
  final List<Duration> waits = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    fake = FakeRunPod.start().secret("ts_auth_key", "tskey-abc");
    Sleeper sleeper = d -> waits.add(d);
    client =
        RunPodClient.create(
            fake.baseUri(),
            fake.accountKey(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            sleeper,
            RetryPolicy.DEFAULT);
    pool = TestDatabases.h2(4);
    db = new Database(pool);
    clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
    settings =
        new Settings(db, new MapConfig().set("RUNPOD_SERVER_URL", "http://100.64.0.1:8000"), clock);
    settings.override(SettingKey.RUNPOD_ENABLED, "true");
    provider = new RunPodProvider(client, settings, clock);
    lifecycle =
        new PodLifecycle(db, settings, provider, new NodeAdmin(db, clock), clock, Runnable::run);
    sweep = new PodSweep(db, lifecycle, clock, new WorkerHealthProbe(0));
  }

  @AfterEach
  void tearDown() {
    client.close();
    fake.close();
    pool.close();
  }

  @Test
  void createsFromOurTemplateOnThePreferredGpuAndTheAccountKeyStaysHome() {
    String id = lifecycle.create(false, false).instanceId();
    SetupState s = lifecycle.state(id).orElseThrow();
    assertEquals(SetupPhase.STARTING, s.phase());
    assertEquals("NVIDIA RTX A5000", s.gpuType());
    RunPodPod pod = fake.pods().get(0);
    assertEquals(PodNames.podName(id), pod.name());
    Map<String, String> env = fake.containerEnv(pod.id());
    sweep.sweep(); // the fake starts the container on a later read
    env = fake.containerEnv(pod.id());
    assertEquals("tskey-abc", env.get("TS_AUTH_KEY"), "secret resolved inside the container");
    assertEquals(id, env.get("INSTANCE_ID"));
    assertFalse(
        fake.accountKey().equals(env.get("RUNPOD_API_KEY")), "only the pod-scoped key is there");
    assertFalse(env.containsValue(fake.accountKey()));
    PodRun run = db.inTransaction(c -> PodRuns.current(c, id)).orElseThrow();
    assertNotNull(run.gpuPriceHr(), "price from the pod or the catalog");
    lifecycle.create(false, false);
    assertEquals(
        1,
        fake.requests().stream().filter(r -> r.equals("POST /v2/templates")).count(),
        "the template is created once and then reused");
  }

  @Test
  void aTemplateDeletedAtRunPodIsMadeAgainInsteadOfRefusingEveryPod() {
    lifecycle.create(false, false);
    fake.deleteTemplates();
    String id = lifecycle.create(false, false).instanceId();
    assertEquals(SetupPhase.STARTING, lifecycle.state(id).orElseThrow().phase());
    assertEquals(
        2,
        fake.requests().stream().filter(r -> r.equals("POST /v2/templates")).count(),
        "made again once");
  }

  @Test
  void noCapacityMovesToTheNextGpuAndASubstitutedBlockedGpuIsEnded() {
    fake.noCapacity("NVIDIA RTX A5000");
    fake.substituteGpu("NVIDIA RTX A4000", "NVIDIA GeForce RTX 4090");
    String id = lifecycle.create(false, false).instanceId();
    SetupState s = lifecycle.state(id).orElseThrow();
    assertEquals(1, fake.terminatedPodIds().size(), "the 4090 it got was terminated");
    assertFalse(s.gpuType().contains("4090"));
    assertNotNull(s.podId());
  }

  @Test
  void aCreateAnswered500AfterCreatingIsAdoptedNotRepeated() {
    fake.failCreateAfterCreating(1);
    String id = lifecycle.create(false, false).instanceId();
    assertEquals(1, fake.createCount());
    assertEquals(fake.pods().get(0).id(), lifecycle.state(id).orElseThrow().podId());
  }

  @Test
  void rateLimitsAreWaitedOutNotTakenAsCapacity() {
    fake.rateLimitNext(1, 7);
    String id = lifecycle.create(false, false).instanceId();
    assertEquals(SetupPhase.STARTING, lifecycle.state(id).orElseThrow().phase());
    assertTrue(waits.stream().anyMatch(w -> w.toSeconds() >= 7), "waited " + waits);
  }

  @Test
  void leakedPodsAreTerminatedAndAPodThatNeverRunsIsEndedAtTheTimeout() {
    RunPodPod leak = fake.seedPod(PodNames.PREFIX + "0dead0", "NVIDIA RTX A5000");
    RunPodPod foreign = fake.seedPod("someones-notebook", "NVIDIA RTX A5000");
    fake.neverRunning(true);
    String id = lifecycle.create(false, false).instanceId();
    String podId = lifecycle.state(id).orElseThrow().podId();
    sweep.sweep();
    assertTrue(fake.terminatedPodIds().contains(leak.id()));
    assertFalse(fake.terminatedPodIds().contains(foreign.id()));
    clock.advance(Duration.ofMinutes(11));
    sweep.sweep();
    assertTrue(fake.terminatedPodIds().contains(podId));
    assertTrue(lifecycle.state(id).isEmpty());
    assertEquals(1, fake.pods().size(), "only the foreign pod is left: " + fake.pods());
  }
}
