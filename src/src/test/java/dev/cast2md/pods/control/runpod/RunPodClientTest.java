package dev.cast2md.pods.control.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.pods.control.runpod.RunPodException.Kind;
import dev.cast2md.pods.entity.RunPodCreatePod;
import dev.cast2md.pods.entity.RunPodCreateTemplate;
import dev.cast2md.pods.entity.RunPodGpu;
import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.pods.entity.RunPodTemplate;
import dev.cast2md.testing.FakeRunPod;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RunPod v2 client over real HTTP against {@link FakeRunPod}. */
class RunPodClientTest {
  static final String A5000 = "NVIDIA RTX A5000";
  static final String RTX3090 = "NVIDIA GeForce RTX 3090";

  FakeRunPod fake;
  RecordingSleeper sleeper;
  RunPodClient client;

  @BeforeEach
  void start() throws IOException {
    fake = FakeRunPod.start();
    sleeper = new RecordingSleeper();
    client = clientWithKey(fake.accountKey());
  }

  final List<RunPodClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(RunPodClient::close);
    fake.close();
  }

  RunPodClient clientWithKey(String key) {
    return clientTo(fake.baseUri(), key, Duration.ofSeconds(5));
  }

  RunPodClient clientTo(URI baseUri, String key, Duration readTimeout) {
    RunPodClient c =
        RunPodClient.create(
            baseUri, key, Duration.ofSeconds(2), readTimeout, sleeper, RetryPolicy.DEFAULT);
    clients.add(c);
    return c;
  }

  static RunPodCreatePod podRequest(String name, String gpuId) {
    return new RunPodCreatePod(
        name, null, gpuId, "cast2md/worker:test", Map.of("INSTANCE_ID", "a3f2"), List.of("12.8"));
  }

  long count(String request) {
    return fake.requests().stream().filter(request::equals).count();
  }

  @Test
  void createsListsReadsAndTerminatesAPod() {
    RunPodPod created = client.createPod(podRequest("cast2md-a3f2", A5000));

    assertTrue(created.id().matches("[a-z0-9]{14}"), created.id());
    assertEquals("cast2md-a3f2", created.name());
    assertEquals("STARTING", created.status());
    assertFalse(created.runtimeUp());
    assertNull(created.publicIp());
    assertEquals(A5000, created.gpuId());
    assertEquals("RTX A5000", created.gpuDisplayName());
    assertEquals(0.27, created.costPerHr());
    assertEquals("a3f2", created.env().get("INSTANCE_ID"));
    assertTrue(created.createdAt() != null);

    List<RunPodPod> listed = client.listPods();
    assertEquals(List.of(created.id()), listed.stream().map(RunPodPod::id).toList());
    assertFalse(listed.get(0).ready(), "the first read still shows it starting");

    RunPodPod running = client.findPod(created.id()).orElseThrow();
    assertEquals("RUNNING", running.status());
    assertTrue(running.runtimeUp());
    assertTrue(running.ready());
    assertEquals("127.0.0.1", running.publicIp());
    assertEquals(List.of(running), client.findPodsByName("cast2md-a3f2"));
    assertEquals(List.of(), client.findPodsByName("cast2md-other"));

    client.terminatePod(created.id());
    assertEquals(Optional.empty(), client.findPod(created.id()));
    assertEquals(List.of(), client.listPods());
    assertEquals(List.of(created.id()), fake.terminatedPodIds());

    client.terminatePod(created.id()); // idempotent: the second answers 404, which is success
    assertEquals(2, count("DELETE /v2/pods/" + created.id()));
    assertEquals(List.of(), sleeper.waits);
  }

  @Test
  void oneClientServesConcurrentCallers() throws Exception {
    fake.seedPod("cast2md-leaked1", A5000);
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<List<RunPodPod>>> calls = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        calls.add(pool.submit(client::listPods));
      }
      for (var call : calls) {
        assertEquals(1, call.get(10, java.util.concurrent.TimeUnit.SECONDS).size());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(List.of(), sleeper.waits, "no call failed and was retried");
  }

  @Test
  void anUnknownPodIsEmptyNotAnError() {
    assertEquals(Optional.empty(), client.findPod("nosuchpod00000"));
    client.terminatePod("nosuchpod00000");
    assertEquals(List.of(), sleeper.waits);
  }

  @Test
  void noCapacityIsClassifiedAndNothingIsCreatedOrRetried() {
    fake.noCapacity(A5000);

    RunPodException e =
        assertThrows(
            RunPodException.class, () -> client.createPod(podRequest("cast2md-a3f2", A5000)));

    assertEquals(Kind.CAPACITY, e.kind());
    assertEquals(400, e.status());
    assertTrue(e.getMessage().startsWith("There are no longer any instances available"));
    assertEquals(0, fake.createCount());
    assertEquals(List.of("POST /v2/pods"), fake.requests());
    assertEquals(List.of(), sleeper.waits);

    // another GPU type is placeable: the caller's fallback loop gets its pod
    assertEquals(RTX3090, client.createPod(podRequest("cast2md-a3f2", RTX3090)).gpuId());
  }

  @Test
  void capacityIsReadFromTheMessageNotTheStatus() {
    assertEquals(
        Kind.CAPACITY,
        RunPodException.fromHttp(
                500, "create pod: There are no instances currently available", null)
            .kind());
    assertEquals(
        Kind.CAPACITY,
        RunPodException.fromHttp(
                400,
                "This machine does not have the resources to deploy your pod. Please try a"
                    + " different machine",
                null)
            .kind());
    assertEquals(
        Kind.CAPACITY,
        RunPodException.fromHttp(
                400, "There are not enough free GPUs on the host machine to start this pod.", null)
            .kind());
    assertEquals(
        Kind.CAPACITY,
        RunPodException.fromHttp(400, "No compatible CUDA host is currently available.", null)
            .kind());
    assertEquals(
        Kind.SERVER,
        RunPodException.fromHttp(
                500, "create pod: Your account balance is too low to rent a pod.", null)
            .kind());
    assertEquals(Kind.BAD_REQUEST, RunPodException.fromHttp(422, "name is required", null).kind());
    assertEquals(Kind.BAD_REQUEST, RunPodException.fromHttp(402, null, null).kind());
    // a 429 is never capacity, whatever it says
    assertEquals(
        Kind.RATE_LIMITED,
        RunPodException.fromHttp(429, "no longer any instances, slow down", null).kind());
  }

  @Test
  void rateLimitedCallsWaitAtLeastRetryAfterAndThenSucceed() {
    fake.rateLimitNext(2, 12);

    assertEquals(List.of(), client.listPods());

    assertEquals(3, count("GET /v2/pods"));
    assertEquals(2, sleeper.waits.size());
    sleeper.waits.forEach(
        w -> assertTrue(w.compareTo(Duration.ofSeconds(12)) >= 0, "waited only " + w));
  }

  @Test
  void aRateLimitedCreateIsRetriedWithoutALookupAndIsNotCapacity() {
    fake.rateLimitNext(1, 12);

    RunPodPod pod = client.createPod(podRequest("cast2md-a3f2", A5000));

    assertEquals(List.of("POST /v2/pods", "POST /v2/pods"), fake.requests());
    assertEquals(1, fake.createCount());
    assertEquals(List.of(pod.id()), fake.pods().stream().map(RunPodPod::id).toList());
    assertEquals(List.of(Duration.ofSeconds(12)), sleeper.waits);
  }

  @Test
  void endlessRateLimitingGivesUpAfterBoundedAttemptsWithCappedWaits() {
    fake.rateLimitNext(100, 3600);

    RunPodException e = assertThrows(RunPodException.class, client::listPods);

    assertEquals(Kind.RATE_LIMITED, e.kind());
    assertEquals(429, e.status());
    assertEquals(Duration.ofHours(1), e.retryAfter());
    assertEquals(RetryPolicy.DEFAULT.maxAttempts(), count("GET /v2/pods"));
    assertEquals(
        List.of(Duration.ofSeconds(120), Duration.ofSeconds(120), Duration.ofSeconds(120)),
        sleeper.waits);
  }

  @Test
  void aCreateThatFailsAfterCreatingIsAdoptedNotRepeated() {
    fake.failCreateAfterCreating(1);

    RunPodPod pod = client.createPod(podRequest("cast2md-a3f2", A5000));

    assertEquals(1, fake.createCount());
    List<RunPodPod> onRunPod = fake.pods();
    assertEquals(1, onRunPod.size());
    assertEquals(onRunPod.get(0).id(), pod.id());
    assertEquals("cast2md-a3f2", pod.name());
    assertEquals(List.of("POST /v2/pods", "GET /v2/pods"), fake.requests());
    assertEquals(List.of(), sleeper.waits, "adopting needs no wait");
  }

  @Test
  void aServerErrorBeforeCreatingIsRetriedAfterTheLookupFindsNothing() {
    fake.failNext(1, 503);

    RunPodPod pod = client.createPod(podRequest("cast2md-a3f2", A5000));

    assertEquals(List.of("POST /v2/pods", "GET /v2/pods", "POST /v2/pods"), fake.requests());
    assertEquals(1, fake.createCount());
    assertEquals(List.of(pod.id()), fake.pods().stream().map(RunPodPod::id).toList());
    assertEquals(List.of(Duration.ofSeconds(1)), sleeper.waits);
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoffAndThenGiveUp() {
    fake.failNext(100, 502);

    RunPodException e = assertThrows(RunPodException.class, client::gpuCatalog);

    assertEquals(Kind.SERVER, e.kind());
    assertEquals(502, e.status());
    assertEquals(
        List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4)),
        sleeper.waits);
    assertEquals(4, fake.requests().size());
  }

  @Test
  void aWrongKeyIsAnAuthFailureWithoutRetryAndTheKeyIsNeverInTheMessage() {
    String wrongKey = "rpa_WRONGKEY123456789";
    RunPodClient wrong = clientWithKey(wrongKey);

    RunPodException e = assertThrows(RunPodException.class, wrong::listPods);

    assertEquals(Kind.AUTH, e.kind());
    assertEquals(401, e.status());
    assertEquals(1, fake.requests().size());
    assertEquals(List.of(), sleeper.waits);
    assertFalse(e.getMessage().contains(wrongKey));
    assertFalse(e.toString().contains(wrongKey));

    RunPodException create =
        assertThrows(
            RunPodException.class, () -> wrong.createPod(podRequest("cast2md-a3f2", A5000)));
    assertEquals(Kind.AUTH, create.kind());
    assertEquals(0, fake.createCount());
  }

  @Test
  void anUnreachableApiIsRetriedBoundedlyThenReportedAsUnreachable() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    RunPodClient nowhere =
        clientTo(
            URI.create("http://127.0.0.1:" + closedPort + "/v2"),
            "rpa_SECRET_KEY_NOT_TO_PRINT",
            Duration.ofSeconds(1));

    RunPodException e = assertThrows(RunPodException.class, nowhere::listPods);

    assertEquals(Kind.UNREACHABLE, e.kind());
    assertEquals(3, sleeper.waits.size());
    assertFalse(e.getMessage().contains("rpa_SECRET_KEY_NOT_TO_PRINT"));
  }

  @Test
  void anUnreachableApiDuringCreateDoesNotCreateBlindly() throws IOException {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    RunPodClient nowhere =
        clientTo(URI.create("http://127.0.0.1:" + closedPort + "/v2"), "k", Duration.ofSeconds(1));

    RunPodException e =
        assertThrows(
            RunPodException.class, () -> nowhere.createPod(podRequest("cast2md-a3f2", A5000)));

    assertEquals(Kind.UNREACHABLE, e.kind());
    assertTrue(e.getMessage().contains("whether it was created is unknown"), e.getMessage());
  }

  @Test
  void aCreateWhoseAnswerTimedOutIsAdoptedNotRepeated() {
    fake.answerCreatesAfter(Duration.ofSeconds(3));
    RunPodClient impatient = clientTo(fake.baseUri(), fake.accountKey(), Duration.ofMillis(500));

    RunPodPod pod = impatient.createPod(podRequest("cast2md-a3f2", A5000));

    assertEquals(1, fake.createCount());
    assertEquals(List.of(pod.id()), fake.pods().stream().map(RunPodPod::id).toList());
    assertEquals(1, count("POST /v2/pods"));
    assertEquals(1, count("GET /v2/pods"), "the lost answer was resolved by a lookup by name");
  }

  @Test
  void theGpuRunPodPlacedIsTheOneReported() {
    fake.substituteGpu(A5000, RTX3090);

    RunPodPod pod = client.createPod(podRequest("cast2md-a3f2", A5000));

    assertEquals(RTX3090, pod.gpuId());
    assertEquals("RTX 3090", pod.gpuDisplayName());
  }

  @Test
  void podsThatNeverRunStayStartingWithoutRuntime() {
    fake.neverRunning(true);
    RunPodPod pod = client.createPod(podRequest("cast2md-a3f2", A5000));

    for (int i = 0; i < 5; i++) {
      RunPodPod read = client.findPod(pod.id()).orElseThrow();
      assertEquals("STARTING", read.status());
      assertFalse(read.runtimeUp());
    }
  }

  @Test
  void leakedPodsAreListedAndFoundByName() {
    RunPodPod leaked = fake.seedPod("cast2md-leaked1", "NVIDIA RTX A4000");
    fake.seedPod("someone-elses-pod", "NVIDIA L4");

    List<RunPodPod> pods = client.listPods();

    assertEquals(2, pods.size());
    assertEquals(
        List.of(leaked.id()),
        client.findPodsByName("cast2md-leaked1").stream().map(RunPodPod::id).toList());
    assertTrue(pods.stream().allMatch(RunPodPod::ready));
  }

  @Test
  void templatesAreFoundByNameAndCreatedOnce() {
    assertEquals(Optional.empty(), client.findTemplate("cast2md-worker-v1"));
    RunPodCreateTemplate req =
        new RunPodCreateTemplate(
            "cast2md-worker-v1",
            "cast2md/worker:1",
            List.of("bash", "-c", "echo 'it''s up' && exec java -jar worker.jar"),
            20,
            List.of("22/tcp"),
            Map.of("TS_AUTH_KEY", "{{ RUNPOD_SECRET_ts_auth_key }}"));

    RunPodTemplate created = client.createTemplate(req);

    assertEquals("cast2md-worker-v1", created.name());
    assertEquals("cast2md/worker:1", created.image());
    assertEquals(Optional.of(created), client.findTemplate("cast2md-worker-v1"));

    // a second create with the same name (a race lost) answers the existing template
    assertEquals(created, client.createTemplate(req));
    assertEquals(2, count("POST /v2/templates"));
  }

  @Test
  void theCatalogCarriesIdsDisplayNamesAndNullPricesForTypesNotOffered() {
    fake.unpriced("NVIDIA L4");

    List<RunPodGpu> catalog = client.gpuCatalog();

    RunPodGpu a5000 = gpu(catalog, A5000);
    assertEquals("RTX A5000", a5000.displayName());
    assertEquals(24, a5000.memoryGb());
    assertEquals(0.27, a5000.securePrice());
    assertEquals(0.16, a5000.communityPrice());
    assertEquals(0.16, a5000.lowestPrice());
    assertEquals("HIGH", a5000.availability());
    assertTrue(a5000.offerable());

    RunPodGpu l4 = gpu(catalog, "NVIDIA L4");
    assertNull(l4.securePrice());
    assertNull(l4.communityPrice());
    assertFalse(l4.offerable());
    assertEquals("NONE", l4.availability());

    RunPodGpu l40s = gpu(catalog, "NVIDIA L40S");
    assertEquals(0.79, l40s.securePrice());
    assertNull(l40s.communityPrice());
    assertEquals(0.79, l40s.lowestPrice());

    assertTrue(catalog.stream().noneMatch(g -> g.id().equals(g.displayName())));
    assertEquals(List.of("GET /v2/catalog/gpus"), fake.requests(), "the catalog is one request");
  }

  static RunPodGpu gpu(List<RunPodGpu> catalog, String id) {
    return catalog.stream().filter(g -> g.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void aPodScopedKeyReachesOnlyItsOwnPod() {
    RunPodPod mine = client.createPod(podRequest("cast2md-mine", A5000));
    RunPodPod other = client.createPod(podRequest("cast2md-other", A5000));
    String podKey = fake.podKey(mine.id());
    assertNotEquals(fake.accountKey(), podKey);
    RunPodClient inPod = clientWithKey(podKey);

    assertEquals(mine.id(), inPod.findPod(mine.id()).orElseThrow().id());
    assertEquals(Kind.AUTH, assertThrows(RunPodException.class, inPod::listPods).kind());
    assertEquals(
        Kind.AUTH,
        assertThrows(RunPodException.class, () -> inPod.terminatePod(other.id())).kind());
    assertEquals(
        Kind.AUTH,
        assertThrows(RunPodException.class, () -> inPod.createPod(podRequest("cast2md-x", A5000)))
            .kind());

    inPod.terminatePod(mine.id());
    assertEquals(List.of(other.id()), fake.pods().stream().map(RunPodPod::id).toList());
  }
}
