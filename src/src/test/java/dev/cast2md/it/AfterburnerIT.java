package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.testing.FakeRunPod;
import dev.cast2md.worker.engine.SpeechFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The afterburner CLI (run as a process from the worker jar) against the real server, whose pods
 * come from the fake RunPod and run the real worker: each flag, a full run, Ctrl+C, and three runs
 * in parallel that never exceed the maximum.
 */
class AfterburnerIT {
  private static final List<String> SETTINGS =
      List.of(
          "RUNPOD_ENABLED", "RUNPOD_MAX_PODS", "RUNPOD_WHISPER_MODEL", "POD_HEALTH_GRACE_SECONDS");

  final LibertyServer server = LibertyServer.get();
  final Api api = new Api(server.base());
  final List<Process> clis = new ArrayList<>();
  static final AtomicInteger cliCount = new AtomicInteger();
  FakeRunPod fake;
  WorkerContainers containers;
  Path root;

  @BeforeEach
  void startFakeRunPod() throws Exception {
    root = Files.createDirectories(Path.of("target/afterburner-it"));
    containers = new WorkerContainers(root);
    fake = containers.startFakeRunPod(server);
    Episodes.cancelJobs(api, "queued", "running");
    put("RUNPOD_WHISPER_MODEL", "sphinx");
    put("POD_HEALTH_GRACE_SECONDS", "120");
    put("RUNPOD_MAX_PODS", "2");
    put("RUNPOD_ENABLED", "true");
  }

  @AfterEach
  void cleanUp() {
    clis.forEach(Process::destroyForcibly);
    api.delete("/api/runpod/pods");
    for (String key : SETTINGS) {
      api.delete("/api/settings/" + key);
    }
    containers.killAll();
    fake.close();
  }

  @Test
  void dryRunValidatesAndChangesNothing() throws Exception {
    Cli empty = cli(Map.of(), "--dry-run").await();
    assertEquals(0, empty.exit, empty.output);
    assertTrue(empty.output.contains("configuration: valid"), empty.output);
    assertTrue(empty.output.contains("would do nothing: the queue is empty"), empty.output);

    uploadEpisodes(1);
    Cli work = cli(Map.of(), "--dry-run").await();
    assertEquals(0, work.exit, work.output);
    assertTrue(
        work.output.contains("would ask " + server.base() + "/api/runpod/pods"), work.output);
    assertEquals(0, fake.createCount(), "a dry run starts nothing");
    assertTrue(states().isEmpty());

    Cli invalid =
        cli(Map.of("CAST2MD_SERVER_URL", "", "AFTERBURNER_POLL_SECONDS", "soon"), "--dry-run")
            .await();
    assertEquals(2, invalid.exit, invalid.output);
    assertTrue(invalid.output.contains("CAST2MD_SERVER_URL is required"), invalid.output);
    assertTrue(invalid.output.contains("AFTERBURNER_POLL_SECONDS must be a whole number"));
  }

  @Test
  void testChecksTheServerAndRunPod() throws Exception {
    Cli ok = cli(Map.of(), "--test").await();
    assertEquals(0, ok.exit, ok.output);
    assertTrue(ok.output.contains(": reachable"), ok.output);
    assertTrue(ok.output.contains("server RunPod: OK"), ok.output);
    assertTrue(ok.output.contains("RunPod API " + fake.baseUri() + ": OK"), ok.output);
    assertFalse(ok.output.contains(LibertyServer.RUNPOD_KEY), "the key never shows");

    Cli badKey = cli(Map.of("RUNPOD_API_KEY", "rpa_WRONG"), "--test").await();
    assertEquals(1, badKey.exit, badKey.output);
    assertTrue(badKey.output.contains("RunPod API " + fake.baseUri() + ": FAILED"), badKey.output);

    put("RUNPOD_ENABLED", "false");
    Cli disabled = cli(Map.of(), "--test").await();
    assertEquals(1, disabled.exit, disabled.output);
    assertTrue(disabled.output.contains("server RunPod: FAILED"), disabled.output);
  }

  @Test
  void keepAliveLeavesAPersistentPodUpAndTerminateAllEndsIt() throws Exception {
    Cli keep = cli(Map.of(), "--keep-alive").await();
    assertEquals(0, keep.exit, keep.output);
    assertTrue(keep.output.contains("is ready and stays up (persistent)"), keep.output);
    List<Map<String, Object>> states = states();
    assertEquals(1, states.size());
    assertEquals("ready", states.get(0).get("phase"));
    assertEquals(Boolean.TRUE, states.get(0).get("persistent"));
    assertEquals(1, ours().size(), "the pod runs on");

    Cli end = cli(Map.of(), "--terminate-all").await();
    assertEquals(0, end.exit, end.output);
    assertTrue(end.output.contains("terminated 1 pod(s) through the server"), end.output);
    assertTrue(states().isEmpty());
    assertTrue(ours().isEmpty());
  }

  @Test
  void terminateAllGoesDirectlyToRunPodWhenTheServerIsUnreachable() throws Exception {
    // a RunPod account of its own: the server's sweep would reap a leaked pod on the shared one
    try (FakeRunPod account = FakeRunPod.start()) {
      RunPodPod leaked = account.seedPod("cast2md-afterburner-dead01", "NVIDIA RTX A5000");
      RunPodPod foreign = account.seedPod("someones-notebook", "NVIDIA RTX A5000");
      Cli end =
          cli(
                  Map.of(
                      "CAST2MD_SERVER_URL",
                      "http://127.0.0.1:9",
                      "RUNPOD_API_URL",
                      account.baseUri().toString(),
                      "RUNPOD_API_KEY",
                      FakeRunPod.DEFAULT_ACCOUNT_KEY),
                  "--terminate-all")
              .await();
      assertEquals(0, end.exit, end.output);
      assertTrue(end.output.contains("server unreachable"), end.output);
      assertTrue(end.output.contains("terminated 1 pod(s) through RunPod"), end.output);
      assertTrue(account.terminatedPodIds().contains(leaked.id()));
      assertFalse(account.terminatedPodIds().contains(foreign.id()), "not ours: left alone");
      assertFalse(end.output.contains(FakeRunPod.DEFAULT_ACCOUNT_KEY), "the key never shows");
    }
  }

  @Test
  void aRunStartsAPodFollowsItAndEndsWhenTheQueueIsEmptyAndThePodGone() throws Exception {
    List<Long> episodes = uploadEpisodes(2);

    Cli run = cli(Map.of()).await();

    assertEquals(0, run.exit, run.output);
    assertTrue(run.output.contains(": ready"), run.output);
    assertTrue(run.output.contains("queue 0 queued, 0 running"), run.output);
    assertTrue(run.output.contains("has ended"), run.output);
    assertTrue(run.output.contains("audio hours"), run.output);
    for (long id : episodes) {
      assertEquals("completed", Episodes.episode(api, id).get("status"));
    }
    assertTrue(states().isEmpty());
    assertTrue(ours().isEmpty());
    assertFalse(run.output.contains(LibertyServer.RUNPOD_KEY));
  }

  @Test
  void ctrlCEndsTheRunsPod() throws Exception {
    uploadEpisodes(1);
    fake.startAfter(Duration.ofSeconds(60)); // the pod is still starting when the user gives up

    Cli run = cli(Map.of());
    Await.until(
        "a pod asked for", Duration.ofSeconds(60), () -> run.outputNow().contains("asked for pod"));
    Await.until("the pod exists", Duration.ofSeconds(60), () -> !ours().isEmpty());
    run.process.destroy(); // SIGTERM: the JVM runs the same shutdown hook as for Ctrl+C
    run.await();

    assertTrue(run.output.contains("interrupted: ending pod"), run.output);
    Await.until(
        "the pod ended", Duration.ofSeconds(30), () -> ours().isEmpty() && states().isEmpty());
  }

  @Test
  void threeRunsInParallelNeverExceedTheMaximum() throws Exception {
    List<Long> episodes = uploadEpisodes(4);

    List<Cli> runs = List.of(cli(Map.of()), cli(Map.of()), cli(Map.of()));
    AtomicInteger maxStates = new AtomicInteger();
    AtomicInteger maxPods = new AtomicInteger();
    Await.until(
        "every run finished",
        Duration.ofMinutes(8),
        () -> {
          maxStates.accumulateAndGet(states().size(), Math::max);
          maxPods.accumulateAndGet(ours().size(), Math::max);
          return runs.stream().noneMatch(r -> r.process.isAlive());
        });
    for (Cli r : runs) {
      r.await();
      assertEquals(0, r.exit, r.output);
    }
    assertTrue(maxStates.get() <= 2, "states " + maxStates.get());
    assertTrue(maxPods.get() <= 2, "pods " + maxPods.get());
    assertTrue(fake.createCount() >= 1);
    assertTrue(
        runs.stream().anyMatch(r -> r.output.contains("no pod for now: Max pods (2) reached")),
        "a third run was refused and followed the queue");
    for (long id : episodes) {
      assertEquals("completed", Episodes.episode(api, id).get("status"));
    }
    assertTrue(states().isEmpty());
    assertTrue(ours().isEmpty());
  }

  @Test
  void directRunsCreatePodsThroughRunPodUnderTheirOwnCapAndEndThem() throws Exception {
    fake.secret("cast2md_enrolment_key", LibertyServer.ENROLMENT_KEY);
    List<Long> episodes = uploadEpisodes(2);
    Map<String, String> direct =
        Map.of(
            "WHISPER_MODEL", "sphinx",
            "AFTERBURNER_MAX_PODS", "1",
            "AFTERBURNER_LOCK_FILE", root.resolve("direct.lock").toAbsolutePath().toString(),
            "AFTERBURNER_DRAIN_GRACE_SECONDS", "3");

    List<Cli> runs = List.of(cli(direct, "--direct"), cli(direct, "--direct"));
    AtomicInteger maxDirect = new AtomicInteger();
    Await.until(
        "both direct runs finished",
        Duration.ofMinutes(6),
        () -> {
          maxDirect.accumulateAndGet(directPods().size(), Math::max);
          return runs.stream().noneMatch(r -> r.process.isAlive());
        });

    for (Cli r : runs) {
      r.await();
      assertEquals(0, r.exit, r.output);
      assertFalse(r.output.contains(LibertyServer.ENROLMENT_KEY), "the enrolment key never shows");
      assertFalse(r.output.contains(LibertyServer.RUNPOD_KEY), "the RunPod key never shows");
    }
    assertEquals(1, maxDirect.get(), "one direct pod at most");
    assertTrue(
        runs.stream().anyMatch(r -> r.output.contains("no pod for now: Max pods (1) reached")),
        "the second run waited at the cap");
    assertTrue(runs.stream().anyMatch(r -> r.output.contains(": ready")), "a pod got ready");
    for (long id : episodes) {
      assertEquals("completed", Episodes.episode(api, id).get("status"));
    }
    assertTrue(directPods().isEmpty(), "the direct pod was ended");
    assertTrue(states().isEmpty(), "the server never managed it");
  }

  private List<RunPodPod> directPods() {
    return fake.pods().stream().filter(p -> p.name().startsWith("cast2md-direct-")).toList();
  }

  // --- harness ---

  /** One CLI process and, once it ended, its exit code and output. */
  final class Cli {
    final Process process;
    final Path log;
    int exit = -1;
    String output = "";

    Cli(Process process, Path log) {
      this.process = process;
      this.log = log;
    }

    String outputNow() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "";
      }
    }

    Cli await() throws InterruptedException {
      if (!process.waitFor(8, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("afterburner did not finish: " + outputNow());
      }
      exit = process.exitValue();
      output = outputNow();
      return this;
    }
  }

  private Cli cli(Map<String, String> extraEnv, String... flags) throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                System.getProperty("it.worker.jar", "../worker/target/cast2md-worker.jar"),
                "afterburner"));
    command.addAll(List.of(flags));
    Path log = root.resolve("afterburner-" + cliCount.incrementAndGet() + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = new HashMap<>();
    env.put("CAST2MD_SERVER_URL", server.base().toString());
    env.put("CAST2MD_ADMIN_USER", LibertyServer.ADMIN_USER);
    env.put("CAST2MD_ADMIN_PASSWORD", LibertyServer.ADMIN_PASSWORD);
    env.put("AFTERBURNER_POLL_SECONDS", "1");
    env.put("AFTERBURNER_EMPTY_WAIT_SECONDS", "2");
    env.put("AFTERBURNER_DRAIN_GRACE_SECONDS", "60");
    env.put("RUNPOD_API_URL", fake.baseUri().toString());
    env.put("RUNPOD_API_KEY", LibertyServer.RUNPOD_KEY);
    env.putAll(extraEnv);
    pb.environment().putAll(env);
    Process p = pb.start();
    clis.add(p);
    return new Cli(p, log);
  }

  private List<Long> uploadEpisodes(int n) throws Exception {
    Path speech =
        SpeechFixtures.synthesize(SpeechFixtures.SENTENCES.get(1), root.resolve("sentence.wav"));
    byte[] audio = Files.readAllBytes(speech);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(Episodes.upload(api, "afterburner-episode-" + i, audio)[0]);
    }
    return ids;
  }

  private List<RunPodPod> ours() {
    return fake.pods().stream().filter(p -> p.name().startsWith("cast2md-afterburner-")).toList();
  }

  @SuppressWarnings("unchecked")
  private List<Map<String, Object>> states() {
    Api.Reply r = api.get("/api/runpod/status");
    assertEquals(200, r.status(), r.body());
    return (List<Map<String, Object>>) r.json().get("setup_states");
  }

  private void put(String key, String value) {
    Api.Reply r = api.put("/api/settings/" + key, Map.of("value", value));
    assertEquals(200, r.status(), r.body());
  }

  /** Jobs other tests left queued or running (on workers now gone) would keep a queue busy. */
}
