package dev.cast2md.worker.node;

import static dev.cast2md.worker.node.FakeNodeServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.protocol.CompleteRequest;
import dev.cast2md.protocol.FailRequest;
import dev.cast2md.protocol.HealthCheck;
import dev.cast2md.protocol.HealthReport;
import dev.cast2md.protocol.HeartbeatRequest;
import dev.cast2md.protocol.ProtocolJson;
import dev.cast2md.worker.engine.WavWriter;
import dev.cast2md.worker.logging.EventLog;
import jakarta.json.bind.Jsonb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The worker against a fake server: the protocol calls a user (or the server) would notice. */
class NodeWorkerTest {
  private static final Path DEV_FULL = Path.of("/dev/full");
  private final Jsonb jsonb = ProtocolJson.create();
  @TempDir Path dir;
  private FakeNodeServer server;
  private final FakeTranscriber engine = new FakeTranscriber();
  private byte[] audio;
  private NodeWorker worker;
  private CompletableFuture<StopReason> running;
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private JobPreparer.DirectoryHook hook = (jobId, jobDir) -> {};

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeNodeServer();
    EventLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
    Path wav = dir.resolve("tone.wav");
    float[] samples = new float[2 * 16000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
    }
    WavWriter.write(samples, 16000, wav);
    audio = Files.readAllBytes(wav);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (worker != null) {
      worker.shutdown();
      running.get(60, TimeUnit.SECONDS);
    }
    server.close();
    EventLog.redirect(System.err);
    System.err.print(logText());
  }

  private String logText() {
    return log.toString(StandardCharsets.UTF_8);
  }

  /** The log lines of one job that contain {@code words}. */
  private List<String> logLines(long jobId, String words) {
    return logText()
        .lines()
        .filter(line -> line.contains(" job=" + jobId + " ") && line.contains(words))
        .toList();
  }

  /**
   * Makes {@code name} in job {@code jobId}'s fresh directory a link to /dev/full, where every
   * write fails with ENOSPC: a full disk without filling one.
   */
  private void fullDiskAt(long jobId, String name) {
    hook =
        (id, jobDir) -> {
          if (id == jobId) {
            Files.createSymbolicLink(jobDir.resolve(name), DEV_FULL);
          }
        };
  }

  private WorkerConfig config(boolean persistent, Path spool) {
    return new WorkerConfig(
        server.url(),
        "n1",
        "secret-key",
        "test-node",
        Duration.ofMillis(100),
        Duration.ofMillis(200),
        3,
        dir.resolve("work"),
        spool,
        10_000_000,
        true,
        Duration.ofMillis(300),
        new StopSettings(
            persistent,
            2,
            Duration.ofMillis(300),
            Duration.ofMinutes(10),
            Duration.ofMinutes(5),
            3),
        new Backoff(3, Duration.ofMillis(20), Duration.ofMillis(50)));
  }

  private void start(WorkerConfig config) {
    worker =
        NodeAssembly.worker(config, Map.of(), engine, Clock.systemUTC(), Reenrolment.NONE, hook);
    running = CompletableFuture.supplyAsync(this::runWorker);
  }

  private StopReason runWorker() {
    try {
      return worker.run();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private CompleteRequest completion(long jobId) {
    return jsonb.fromJson(
        server.calls("/jobs/" + jobId + "/complete").get(0).body(), CompleteRequest.class);
  }

  @Test
  void completesQueuedJobsWithSegmentsThenStopsOnAnEmptyQueueAndAsksForTermination()
      throws Exception {
    server.enqueue(1, audio);
    server.enqueue(2, audio);
    start(config(false, dir.resolve("spool")));
    StopReason reason = running.get(60, TimeUnit.SECONDS);
    worker = null;

    assertEquals(StopReason.EMPTY_QUEUE, reason);
    assertEquals(10, reason.exitCode());
    CompleteRequest done = completion(1);
    assertEquals("fake-model", done.whisperModel());
    assertEquals("hello world", done.segments().get(0).text());
    assertEquals(0.1, done.segments().get(0).start(), 1e-9);
    assertTrue(done.transcriptText().contains("**[00:00]** hello world"), done.transcriptText());
    assertEquals(1, server.calls("/jobs/2/complete").size());
    assertEquals(1, server.calls("/request-termination").size());
    assertTrue(server.calls("/release").isEmpty(), "nothing held at the end, nothing to release");
    // Every node call carries the key; bodyless POSTs carry no Content-Type.
    server.requests.stream()
        .filter(r -> r.path().startsWith("/api/nodes/"))
        .forEach(r -> assertEquals("secret-key", r.key(), r.path()));
    server.calls("/claim").forEach(r -> assertEquals(null, r.contentType()));
  }

  @Test
  void heartbeatsReportTheJobsTheNodeHolds() throws Exception {
    engine.hang = true;
    server.enqueue(7, audio);
    server.enqueue(8, audio);
    start(config(true, dir.resolve("spool")));
    await(
        "a heartbeat naming both jobs",
        () ->
            server.calls("/heartbeat").stream()
                .map(r -> jsonb.fromJson(r.body(), HeartbeatRequest.class))
                .anyMatch(
                    hb ->
                        Long.valueOf(7).equals(hb.currentJobId())
                            && hb.claimedJobIds().containsAll(List.of(7L, 8L))));
  }

  @Test
  void missingAudioFailsTheJobWithoutRetryAndTheNextJobIsDone() throws Exception {
    server.enqueueMissingAudio(1);
    server.enqueue(2, audio);
    start(config(true, dir.resolve("spool")));
    await("job 2 completed", () -> !server.calls("/jobs/2/complete").isEmpty());
    FailRequest fail =
        jsonb.fromJson(server.calls("/jobs/1/fail").get(0).body(), FailRequest.class);
    assertFalse(fail.retryable());
    assertTrue(fail.errorMessage().contains("404"), fail.errorMessage());
  }

  @Test
  void undecodableAudioFailsWithoutRetry() throws Exception {
    server.enqueue(3, "this is not audio at all".getBytes());
    start(config(true, dir.resolve("spool")));
    await("job 3 failed", () -> !server.calls("/jobs/3/fail").isEmpty());
    FailRequest fail =
        jsonb.fromJson(server.calls("/jobs/3/fail").get(0).body(), FailRequest.class);
    assertFalse(fail.retryable());
    assertTrue(fail.errorMessage().startsWith("Undecodable audio"), fail.errorMessage());
  }

  @Test
  void engineFailuresAreRetryableAndTripTheCircuitBreaker() throws Exception {
    engine.fail = true;
    for (long id = 1; id <= 3; id++) {
      server.enqueue(id, audio);
    }
    start(config(false, dir.resolve("spool")));
    StopReason reason = running.get(60, TimeUnit.SECONDS);
    worker = null;
    assertEquals(StopReason.FAILURES, reason);
    for (long id = 1; id <= 3; id++) {
      FailRequest fail =
          jsonb.fromJson(server.calls("/jobs/" + id + "/fail").get(0).body(), FailRequest.class);
      assertTrue(fail.retryable());
      assertTrue(fail.errorMessage().contains("device lost"));
    }
    assertEquals(1, server.calls("/request-termination").size());
  }

  @Test
  void aFailingOrHangingServerDoesNotStopTheWork() throws Exception {
    server.claimStatus = 500;
    server.hangHeartbeats = true;
    server.completeFailuresLeft.set(2);
    server.enqueue(1, audio);
    start(config(true, dir.resolve("spool")));
    await("claims answered 500", () -> server.calls("/claim").size() >= 3);
    server.claimStatus = 200;
    await("job 1 completed", () -> server.calls("/jobs/1/complete").size() == 3);
    await(
        "the delivered transcript leaves the spool",
        () -> Files.notExists(dir.resolve("spool/job-1.json")));
    assertEquals(3, server.calls("/jobs/1/complete").size(), "two 503s, then delivered once");
  }

  @Test
  void aTranscriptTheServerCannotTakeIsSpooledAndDeliveredAfterARestart() throws Exception {
    Path spool = dir.resolve("spool");
    server.completeFailuresLeft.set(Integer.MAX_VALUE);
    server.enqueue(5, audio);
    start(config(true, spool));
    await("job 5 spooled", () -> Files.exists(spool.resolve("job-5.json")));
    await(
        "the spooled job is still reported as held",
        () ->
            server.calls("/heartbeat").stream()
                .map(r -> jsonb.fromJson(r.body(), HeartbeatRequest.class))
                .anyMatch(hb -> hb.claimedJobIds().contains(5L)));
    worker.shutdown();
    assertEquals(StopReason.SIGNAL, running.get(60, TimeUnit.SECONDS));
    assertTrue(server.calls("/jobs/5/release").isEmpty(), "a finished job is not given back");

    int attemptsBefore = server.calls("/jobs/5/complete").size();
    server.completeFailuresLeft.set(0);
    start(config(true, spool));
    await(
        "job 5 delivered after the restart",
        () ->
            server.calls("/jobs/5/complete").size() > attemptsBefore
                && Files.notExists(spool.resolve("job-5.json")));
    assertTrue(completion(5).transcriptText().contains("hello world"));
  }

  @Test
  void shutdownReleasesTheCurrentAndEveryPrefetchedJob() throws Exception {
    engine.hang = true;
    for (long id = 1; id <= 4; id++) {
      server.enqueue(id, audio);
    }
    start(config(true, dir.resolve("spool")));
    assertTrue(engine.started.await(60, TimeUnit.SECONDS));
    await("three jobs prefetched", () -> worker.status().prefetchedJobIds().size() == 3);
    worker.shutdown();
    assertEquals(StopReason.SIGNAL, running.get(60, TimeUnit.SECONDS));
    worker = null;
    for (long id = 1; id <= 4; id++) {
      assertEquals(1, server.calls("/jobs/" + id + "/release").size(), "job " + id + " released");
    }
    assertTrue(server.calls("/complete").isEmpty());
    assertTrue(server.calls("/request-termination").isEmpty(), "a signal is not a cost-guard stop");
  }

  @Test
  void aJobTheServerTookBackIsDroppedNotCompleted() throws Exception {
    engine.hang = true;
    server.enqueue(9, audio);
    start(config(true, dir.resolve("spool")));
    assertTrue(engine.started.await(60, TimeUnit.SECONDS));
    server.releasedInHeartbeat = "[9]";
    await("job 9 no longer held", () -> worker.status().currentJobId() == null);
    assertTrue(server.calls("/jobs/9/complete").isEmpty());
    assertTrue(server.calls("/jobs/9/release").isEmpty());
  }

  // ---- engine calls shared by the current and the prefetched jobs ----

  /** A tone of {@code seconds}: the batching fake hears its length, so every job sounds its own. */
  private byte[] tone(int seconds) throws Exception {
    Path wav = dir.resolve("tone-" + seconds + ".wav");
    float[] samples = new float[seconds * 16000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 16000.0));
    }
    WavWriter.write(samples, 16000, wav);
    return Files.readAllBytes(wav);
  }

  /** Jobs 1..count of 2..count+1 seconds, one chunk each, for an engine of 8 chunks per call. */
  private void batchingJobs(int count) throws Exception {
    engine.acrossEpisodes = true;
    engine.batch = 8;
    engine.hearsLength = true;
    for (long id = 1; id <= count; id++) {
      server.enqueue(id, tone((int) id + 1));
    }
  }

  /** Three jobs prepared (not merely claimed) behind those of the held {@code call}. */
  private void awaitThreePreparedBehind(List<Integer> call) {
    await(
        "three jobs prepared behind the first call",
        () ->
            logText().lines().filter(line -> line.contains(" prepared: ")).count()
                >= call.size() + 3);
  }

  private List<Integer> nextCall() throws InterruptedException {
    List<Integer> call = engine.calls.poll(60, TimeUnit.SECONDS);
    assertTrue(call != null, "an engine call");
    return call;
  }

  /**
   * Holds the first call until three jobs are prepared behind it: the next call then takes chunks
   * of all three. Returns the jobs of that second call, oldest first.
   */
  private List<Long> holdFirstCallUntilThreeArePrefetched(CountDownLatch first) throws Exception {
    awaitThreePreparedBehind(nextCall());
    first.countDown();
    List<Long> jobs = nextCall().stream().map(seconds -> (long) seconds - 1).toList();
    assertEquals(3, jobs.size(), "one engine call for the chunks of three jobs: " + jobs);
    return jobs;
  }

  @Test
  void preparedJobsShareEngineCallsAndEachIsCompletedWithItsOwnTranscriptInOrder()
      throws Exception {
    batchingJobs(6);
    CountDownLatch first = new CountDownLatch(1);
    engine.holds.add(first);
    start(config(true, dir.resolve("spool")));
    List<Long> shared = holdFirstCallUntilThreeArePrefetched(first);
    await("six jobs completed", () -> server.calls("/complete").size() == 6);

    for (long id = 1; id <= 6; id++) {
      String text = completion(id).transcriptText();
      assertTrue(text.contains("len" + (id + 1)), "job " + id + " hears its own audio: " + text);
      assertEquals(1, completion(id).segments().size(), "job " + id + ": " + text);
      assertFalse(server.calls("/jobs/" + id + "/progress").isEmpty(), "progress of job " + id);
    }
    List<String> completed = server.calls("/complete").stream().map(r -> r.path()).toList();
    List<String> inOrder = new java.util.ArrayList<>(completed);
    inOrder.sort(java.util.Comparator.naturalOrder());
    assertEquals(inOrder, completed, "jobs are completed in the order they were claimed");
    assertTrue(logLines(shared.get(1), "sharing engine calls with job").size() == 1, logText());
    assertTrue(server.calls("/fail").isEmpty() && server.calls("/release").isEmpty());
  }

  @Test
  void aJobTheEngineCannotTakeFailsAloneWhileTheJobsSharingItsCallsComplete() throws Exception {
    batchingJobs(6);
    CountDownLatch first = new CountDownLatch(1);
    engine.holds.add(first);
    start(config(true, dir.resolve("spool")));
    List<Integer> firstCall = nextCall();
    awaitThreePreparedBehind(firstCall);
    long bad = firstCall.stream().mapToLong(seconds -> seconds - 1).max().getAsLong() + 2;
    engine.poisonSeconds = (int) bad + 1;
    first.countDown();
    await("five jobs completed", () -> server.calls("/complete").size() == 5);
    await("the bad job failed", () -> server.calls("/jobs/" + bad + "/fail").size() == 1);

    FailRequest failure =
        jsonb.fromJson(server.calls("/jobs/" + bad + "/fail").get(0).body(), FailRequest.class);
    assertTrue(failure.retry(), "an engine failure may go to another worker");
    assertTrue(failure.errorMessage().contains("cannot take"), failure.errorMessage());
    for (long id = 1; id <= 6; id++) {
      if (id != bad) {
        assertTrue(completion(id).transcriptText().contains("len" + (id + 1)), "job " + id);
      }
    }
    assertTrue(server.calls("/jobs/" + bad + "/complete").isEmpty());
    List<List<Integer>> calls = new java.util.ArrayList<>(engine.calls);
    assertTrue(
        calls.stream().anyMatch(c -> c.size() == 3 && c.contains(engine.poisonSeconds)),
        "the bad job shared a call: " + calls);
  }

  @Test
  void shutdownDuringASharedCallReleasesEveryJobInItAndInTheQueueOnce() throws Exception {
    batchingJobs(8);
    CountDownLatch first = new CountDownLatch(1);
    engine.holds.add(first);
    engine.holds.add(new CountDownLatch(1));
    start(config(true, dir.resolve("spool")));
    List<Long> shared = holdFirstCallUntilThreeArePrefetched(first);
    await("the queue refilled", () -> worker.status().prefetchedJobIds().size() == 3);
    worker.shutdown();
    assertEquals(StopReason.SIGNAL, running.get(60, TimeUnit.SECONDS));
    worker = null;
    for (long id : shared) {
      assertEquals(1, server.calls("/jobs/" + id + "/release").size(), "job " + id + " released");
    }
    assertEquals(
        shared.size() + 3, server.calls("/release").size(), "the shared and the queued jobs");
    assertTrue(server.calls("/fail").isEmpty());
  }

  @Test
  void aJobTakenBackWhileSharingACallIsDroppedAndTheOthersComplete() throws Exception {
    batchingJobs(6);
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch second = new CountDownLatch(1);
    engine.holds.add(first);
    engine.holds.add(second);
    start(config(true, dir.resolve("spool")));
    List<Long> shared = holdFirstCallUntilThreeArePrefetched(first);
    assertEquals(shared, worker.status().transcribingJobIds());
    assertEquals(shared.get(0), worker.status().currentJobId(), "the oldest is the current job");
    await(
        "a heartbeat holding every job of the shared call",
        () ->
            server.calls("/heartbeat").stream()
                .map(r -> jsonb.fromJson(r.body(), HeartbeatRequest.class))
                .anyMatch(hb -> hb.claimedJobIds().containsAll(shared)));
    long takenBack = shared.get(1);
    server.releasedInHeartbeat = "[" + takenBack + "]";
    await("the heartbeat took it back", () -> !logLines(takenBack, "took the job back").isEmpty());
    second.countDown();
    await("five jobs completed", () -> server.calls("/complete").size() == 5);

    assertEquals(1, logLines(takenBack, "result dropped").size(), logText());
    assertTrue(server.calls("/jobs/" + takenBack + "/complete").isEmpty());
    assertTrue(server.calls("/jobs/" + takenBack + "/release").isEmpty());
    assertTrue(server.calls("/jobs/" + takenBack + "/fail").isEmpty());
    for (long id : shared) {
      if (id != takenBack) {
        assertTrue(completion(id).transcriptText().contains("len" + (id + 1)), "job " + id);
      }
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({"audio, the downloaded audio", "audio.f32, the decoded audio"})
  @EnabledOnOs(OS.LINUX)
  void aFullDiskFailsTheJobForAnotherWorkerAndTheNextJobIsDone(String file, String what)
      throws Exception {
    fullDiskAt(1, file);
    server.enqueue(1, audio);
    server.enqueue(2, audio);
    start(config(true, dir.resolve("spool")));
    await("job 2 completed", () -> !server.calls("/jobs/2/complete").isEmpty());

    List<FakeNodeServer.Request> fails = server.calls("/jobs/1/fail");
    assertEquals(1, fails.size());
    FailRequest fail = jsonb.fromJson(fails.get(0).body(), FailRequest.class);
    assertTrue(fail.retryable(), "a full disk is not the episode's fault");
    assertTrue(
        fail.errorMessage().contains("disk full while writing " + what), fail.errorMessage());
    assertTrue(server.calls("/jobs/1/complete").isEmpty());
    assertEquals(1, logLines(1, "disk full:").size(), logText());
    assertTrue(Files.notExists(dir.resolve("work/job-1")), "the failed job's directory is removed");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aTranscriptTheFullDiskCannotSpoolIsKeptInMemoryUntilTheServerTakesIt() throws Exception {
    Path spool = dir.resolve("spool");
    Files.createDirectories(spool);
    Files.createSymbolicLink(spool.resolve("job-5.json.tmp"), DEV_FULL);
    // More refusals than one delivery's three attempts: the transcript must outlive them.
    server.completeFailuresLeft.set(5);
    server.enqueue(5, audio);
    start(config(true, spool));
    await("job 5 delivered", () -> server.calls("/jobs/5/complete").size() == 6);
    await(
        "job 5 no longer reported as held",
        () ->
            server.calls("/heartbeat").stream()
                .map(r -> jsonb.fromJson(r.body(), HeartbeatRequest.class))
                .reduce((a, b) -> b)
                .map(hb -> !hb.claimedJobIds().contains(5L))
                .orElse(false));
    assertTrue(
        server.calls("/heartbeat").stream()
            .map(r -> jsonb.fromJson(r.body(), HeartbeatRequest.class))
            .anyMatch(hb -> hb.claimedJobIds().contains(5L) && hb.currentJobId() == null),
        "while it waits in memory the job's lease is kept alive");
    assertTrue(completion(5).transcriptText().contains("hello world"));
    assertTrue(server.calls("/jobs/5/fail").isEmpty());
    assertEquals(1, logLines(5, "disk full: cannot spool").size(), logText());
    assertTrue(Files.notExists(spool.resolve("job-5.json")));
  }

  // ---- health ----

  private List<HeartbeatRequest> heartbeats() {
    return server.calls("/heartbeat").stream()
        .map(r -> jsonb.fromJson(r.body(), HeartbeatRequest.class))
        .toList();
  }

  private Optional<HeartbeatRequest> heartbeatWithHealth(String status) {
    return heartbeats().stream()
        .filter(hb -> hb.health() != null && status.equals(hb.health().status()))
        .findFirst();
  }

  private static HealthCheck check(HealthReport report, String name) {
    return report.checks().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check " + name + " in " + report));
  }

  @Test
  void everyHeartbeatCarriesTheWorkersHealthUpWhileAllIsWell() throws Exception {
    server.enqueue(1, audio);
    start(config(true, dir.resolve("spool")));
    await("job 1 completed", () -> !server.calls("/jobs/1/complete").isEmpty());
    await("a heartbeat after the job", () -> heartbeats().size() >= 3);
    String body = server.calls("/heartbeat").get(0).body();
    assertTrue(body.contains("\"health\":{"), body);
    for (HeartbeatRequest hb : heartbeats()) {
      assertEquals(HealthReport.UP, hb.health().status(), hb.health().toString());
    }
    HealthReport health = heartbeats().get(heartbeats().size() - 1).health();
    assertEquals(
        List.of("engine", "worker", "disk", "circuit-breaker", "threads"),
        health.checks().stream().map(HealthCheck::name).toList());
    assertEquals("fake", check(health, "engine").data().get("engine"));
    assertEquals("running", check(health, "worker").data().get("state"));
  }

  @Test
  void repeatedEngineFailuresTurnTheHealthDownInHeartbeatsAndOnTheHealthEndpoint()
      throws Exception {
    engine.fail = true;
    for (long id = 1; id <= 3; id++) {
      server.enqueue(id, audio);
    }
    // Persistent: the breaker does not stop the node, so only its health tells the server.
    start(config(true, dir.resolve("spool")));
    await("a heartbeat reporting DOWN", () -> heartbeatWithHealth(HealthReport.DOWN).isPresent());
    HealthReport down = heartbeatWithHealth(HealthReport.DOWN).get().health();
    HealthCheck breaker = check(down, "circuit-breaker");
    assertEquals(HealthReport.DOWN, breaker.status());
    assertEquals(new BigDecimal(3), breaker.data().get("consecutive_failures"));
    assertEquals(HealthReport.UP, check(down, "engine").status(), "the engine did load");
    assertEquals(HealthReport.UP, heartbeats().get(0).health().status(), "UP before the failures");

    try (HealthServer endpoint = HealthServer.start("127.0.0.1", 0, worker.health())) {
      HttpResponse<String> health = get(endpoint, "/health");
      assertEquals(503, health.statusCode());
      HealthReport served = jsonb.fromJson(health.body(), HealthReport.class);
      assertEquals(HealthReport.DOWN, check(served, "circuit-breaker").status(), health.body());
      assertEquals(503, get(endpoint, "/health/live").statusCode());
      assertEquals(200, get(endpoint, "/health/ready").statusCode(), "it can still take work");
    }
  }

  @Test
  void aDeadTranscribeThreadTurnsTheHealthDown() throws Exception {
    engine.die = true;
    server.enqueue(1, audio);
    start(config(true, dir.resolve("spool")));
    await("a heartbeat reporting DOWN", () -> heartbeatWithHealth(HealthReport.DOWN).isPresent());
    HealthCheck threads = check(heartbeatWithHealth(HealthReport.DOWN).get().health(), "threads");
    assertEquals(HealthReport.DOWN, threads.status());
    assertEquals(List.of("transcribe"), threads.data().get("dead"));
  }

  @Test
  void theHealthEndpointsAnswerUpWithTheSameReport() throws Exception {
    start(config(true, dir.resolve("spool")));
    await("the worker runs", () -> worker.health().status().isPresent());
    try (HealthServer endpoint = HealthServer.start("127.0.0.1", 0, worker.health())) {
      for (String path : List.of("/health", "/health/live", "/health/ready")) {
        HttpResponse<String> answer = get(endpoint, path);
        assertEquals(200, answer.statusCode(), path + ": " + answer.body());
        assertEquals(
            HealthReport.UP, jsonb.fromJson(answer.body(), HealthReport.class).status(), path);
      }
      String status = get(endpoint, "/status").body();
      assertTrue(status.contains("\"name\":\"test-node\""), status);
      assertTrue(status.contains("\"running\":true"), status);
    }
  }

  private static HttpResponse<String> get(HealthServer endpoint, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + endpoint.port() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
