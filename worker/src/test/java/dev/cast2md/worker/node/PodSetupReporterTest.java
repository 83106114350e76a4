package dev.cast2md.worker.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.protocol.ProtocolJson;
import dev.cast2md.protocol.SetupProgressRequest;
import dev.cast2md.worker.logging.EventLog;
import jakarta.json.bind.Jsonb;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pod's setup reports against a stub server: order, token, address, and failures ignored. */
class PodSetupReporterTest {
  private static final String TOKEN = "setup-token-do-not-log";
  private final Jsonb jsonb = ProtocolJson.create();
  private final ByteArrayOutputStream log = new ByteArrayOutputStream();
  private final List<Duration> waits = new CopyOnWriteArrayList<>();
  private FakeNodeServer server;
  private PodSetupReporter reporter;

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeNodeServer();
    EventLog.redirect(new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    if (reporter != null) {
      reporter.close();
    }
    server.close();
    EventLog.redirect(System.err);
    System.err.print(log.toString(StandardCharsets.UTF_8));
  }

  private PodSetupReporter reporter(String hostIp) {
    HttpClient http = HttpNodeClient.newHttpClient(Map.of());
    HttpNodeClient client = new HttpNodeClient(server.url(), null, null, http, null);
    reporter =
        PodSetupReporter.forPod(
            client,
            new PodIdentity("pod-7", TOKEN, hostIp),
            new Backoff(4, Duration.ofSeconds(2), Duration.ofSeconds(8)),
            waits::add);
    return reporter;
  }

  private List<SetupProgressRequest> reports() {
    return server.calls("/setup-progress").stream()
        .map(r -> jsonb.fromJson(r.body(), SetupProgressRequest.class))
        .toList();
  }

  @Test
  void reportsEachPhaseInOrderWithTheTokenAndTheHostAddress() {
    PodSetupReporter setup = reporter("100.64.0.7");
    setup.installing("Loading model m...");
    setup.installing("Registering node...");
    setup.ready("Worker is running");
    assertTrue(setup.awaitSent(Duration.ofSeconds(30)));

    List<SetupProgressRequest> reports = reports();
    assertEquals(
        List.of("installing", "installing", "ready"),
        reports.stream().map(SetupProgressRequest::phase).toList());
    assertEquals("Worker is running", reports.get(2).message());
    reports.forEach(r -> assertEquals("100.64.0.7", r.hostIp()));
    for (FakeNodeServer.Request call : server.calls("/setup-progress")) {
      assertEquals("/api/runpod/pods/pod-7/setup-progress", call.path());
      assertEquals(TOKEN, call.setupToken());
      assertNull(call.key(), "no node key goes with a setup report");
      assertEquals("application/json", call.contentType());
    }
    assertFalse(log.toString(StandardCharsets.UTF_8).contains(TOKEN), "the token is never logged");
  }

  @Test
  void withoutAHostAddressTheFieldIsLeftOutAndAFailureCarriesItsError() {
    PodSetupReporter setup = reporter(null);
    setup.failed("Engine failed to load", "no GPU");
    assertTrue(setup.awaitSent(Duration.ofSeconds(30)));
    String body = server.calls("/setup-progress").get(0).body();
    assertFalse(body.contains("host_ip"), body);
    SetupProgressRequest failed = reports().get(0);
    assertEquals("failed", failed.phase());
    assertEquals("no GPU", failed.error());
  }

  @Test
  void aFailingServerIsTriedABoundedNumberOfTimesWithBackoffThenIgnored() {
    server.setupProgressStatus = 500;
    PodSetupReporter setup = reporter("100.64.0.7");
    setup.ready("Worker is running");
    assertTrue(setup.awaitSent(Duration.ofSeconds(30)));
    assertEquals(4, server.calls("/setup-progress").size(), "four tries in all");
    assertEquals(
        List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), waits);
    assertTrue(log.toString(StandardCharsets.UTF_8).contains("given up"));

    server.setupProgressStatus = 200;
    setup.failed("GPU validation failed", "boom");
    assertTrue(setup.awaitSent(Duration.ofSeconds(30)));
    assertEquals("failed", reports().get(4).phase(), "later reports still go out");
  }

  @Test
  void aRefusalIsNotRetried() {
    server.setupProgressStatus = 403;
    PodSetupReporter setup = reporter(null);
    setup.installing("Loading model m...");
    assertTrue(setup.awaitSent(Duration.ofSeconds(30)));
    assertEquals(1, server.calls("/setup-progress").size());
    assertTrue(waits.isEmpty());
  }

  @Test
  void aDisabledReporterSendsNothing() {
    PodSetupReporter setup = PodSetupReporter.disabled();
    setup.installing("Loading model m...");
    setup.failed("x", "y");
    assertTrue(setup.awaitSent(Duration.ofSeconds(1)));
    assertFalse(setup.enabled());
    assertTrue(server.requests.isEmpty());
  }
}
