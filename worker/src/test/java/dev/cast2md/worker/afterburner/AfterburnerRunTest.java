package dev.cast2md.worker.afterburner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cast2md.worker.node.Backoff;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The run's decisions against a scripted server on loopback, on a clock that the run's own sleeps
 * move forward: a failed pod, the maximum runtime, a pod that lingers on an empty queue, Ctrl+C
 * before the pod has a RunPod id, refusals and rejected credentials.
 */
class AfterburnerRunTest {
  HttpServer http;
  final List<String> calls = new CopyOnWriteArrayList<>();
  final ByteArrayOutputStream output = new ByteArrayOutputStream();
  final TestClock clock = new TestClock();

  // the scripted server, read by the handler thread
  volatile long queued = 3;
  volatile String phase = "ready";
  volatile String podId = "pod1";
  volatile boolean stateGone;
  volatile int createStatus = 200;
  volatile String createDetail = "";
  volatile int statusCode = 200;
  volatile String authorization;

  @BeforeEach
  void start() throws IOException {
    http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/", this::answer);
    http.start();
  }

  @AfterEach
  void stop() {
    http.stop(0);
  }

  @Test
  void aPodThatFailsSetupIsTerminatedAndTheRunFails() throws Exception {
    phase = "failed";
    assertEquals(AfterburnerRun.FAILED, run(Map.of()).run(false));
    assertTrue(calls.contains("DELETE /api/runpod/pods/pod1"), calls.toString());
    assertTrue(text().contains("failed: it broke"), text());
  }

  @Test
  void theMaximumRuntimeEndsThePod() throws Exception {
    assertEquals(
        AfterburnerRun.MAX_RUNTIME, run(Map.of("AFTERBURNER_MAX_RUNTIME", "5")).run(false));
    assertTrue(calls.contains("DELETE /api/runpod/pods/pod1"), calls.toString());
  }

  @Test
  void aPodThatLingersOnAnEmptyQueueIsEndedOnceThenTheRunIsDone() throws Exception {
    queued = 0;
    AfterburnerRun run =
        run(Map.of("AFTERBURNER_EMPTY_WAIT_SECONDS", "2", "AFTERBURNER_DRAIN_GRACE_SECONDS", "10"));
    // with nothing queued the run asks for no pod: give it one to follow
    queued = 1;
    Thread emptyLater =
        new Thread(
            () -> {
              while (!calls.contains("POST /api/runpod/pods")) {
                Thread.onSpinWait();
              }
              queued = 0;
            });
    emptyLater.start();
    assertEquals(AfterburnerRun.OK, run.run(false), text());
    assertEquals(1, calls.stream().filter("DELETE /api/runpod/pods/pod1"::equals).count());
    assertTrue(text().contains("the queue is empty and the pod did not end itself"), text());
  }

  @Test
  void ctrlCBeforeThePodHasAnIdCancelsIt() throws Exception {
    phase = "creating";
    podId = null;
    AfterburnerRun run = run(Map.of());
    Thread loop = new Thread(() -> runQuietly(run), "run");
    loop.start();
    while (!calls.contains("POST /api/runpod/pods")) {
      Thread.sleep(5);
    }
    run.interrupt();
    loop.join(TimeUnit.SECONDS.toMillis(20));
    assertTrue(calls.contains("DELETE /api/runpod/setup-states/abcd"), calls.toString());
    assertTrue(calls.stream().noneMatch(c -> c.startsWith("DELETE /api/runpod/pods/")));
    assertTrue(text().contains("cancelled pod abcd"), text());
  }

  @Test
  void aRefusalOtherThanTheCapEndsTheRun() throws Exception {
    createStatus = 400;
    createDetail = "RunPod not enabled (setting RUNPOD_ENABLED)";
    assertEquals(AfterburnerRun.FAILED, run(Map.of()).run(false));
    assertTrue(text().contains("refused a pod: RunPod not enabled"), text());
  }

  @Test
  void atTheCapTheRunFollowsTheQueueWithoutAPod() throws Exception {
    createStatus = 400;
    createDetail = "Max pods (2) reached (2 running or starting)";
    AfterburnerRun run = run(Map.of("AFTERBURNER_EMPTY_WAIT_SECONDS", "2"));
    Thread drain =
        new Thread(
            () -> {
              while (calls.stream().filter("POST /api/runpod/pods"::equals).count() < 3) {
                Thread.onSpinWait();
              }
              queued = 0;
            });
    drain.start();
    assertEquals(AfterburnerRun.OK, run.run(false), text());
    assertTrue(text().contains("no pod for now: Max pods (2) reached"), text());
    assertTrue(text().contains("this run started no pod"), text());
  }

  @Test
  void rejectedCredentialsAreNamed() throws Exception {
    statusCode = 401;
    AfterburnerRun run =
        run(Map.of("CAST2MD_ADMIN_USER", "admin", "CAST2MD_ADMIN_PASSWORD", "pw-SECRET"));
    assertEquals(AfterburnerRun.FAILED, run.run(false));
    assertTrue(authorization.startsWith("Basic "), "Basic credentials sent");
    assertTrue(text().contains("CAST2MD_ADMIN_USER"), text());
    assertTrue(!text().contains("pw-SECRET"));
  }

  // --- harness ---

  private AfterburnerRun run(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("CAST2MD_SERVER_URL", "http://127.0.0.1:" + http.getAddress().getPort());
    env.putIfAbsent("AFTERBURNER_POLL_SECONDS", "1");
    AfterburnerConfig config = AfterburnerConfig.from(env, null);
    Backoff.Sleeper sleeper =
        d -> {
          clock.advance(d);
          Thread.sleep(2);
        };
    ServerClient server =
        new ServerClient(
            new JsonHttp(
                config.server(),
                config.authorization(),
                new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(1)),
                sleeper));
    return new AfterburnerRun(
        server,
        new ServerPods(server),
        config,
        new PrintStream(output, true, StandardCharsets.UTF_8),
        clock,
        sleeper);
  }

  private static void runQuietly(AfterburnerRun run) {
    try {
      run.run(false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String text() {
    return output.toString(StandardCharsets.UTF_8);
  }

  private void answer(HttpExchange ex) throws IOException {
    String call = ex.getRequestMethod() + " " + ex.getRequestURI().getPath();
    calls.add(call);
    authorization = ex.getRequestHeaders().getFirst("Authorization");
    ex.getRequestBody().readAllBytes();
    int status = 200;
    String body;
    if (statusCode != 200) {
      status = statusCode;
      body = "{\"detail\":\"Authentication required\"}";
    } else if (call.equals("GET /api/runpod/status")) {
      body =
          "{\"available\":true,\"enabled\":true,\"can_create\":true,\"max_pods\":2,"
              + "\"setup_states\":[],\"runs\":[]}";
    } else if (call.equals("GET /api/queue/status")) {
      body = "{\"by_type\":{\"transcribe\":{\"queued\":" + queued + ",\"running\":0}}}";
    } else if (call.equals("POST /api/runpod/pods")) {
      status = createStatus;
      body =
          status == 200
              ? "{\"instance_id\":\"abcd\",\"message\":\"started\"}"
              : "{\"detail\":\"" + createDetail + "\"}";
    } else if (call.equals("GET /api/runpod/pods/abcd/setup-status")) {
      if (stateGone) {
        status = 404;
        body = "{\"detail\":\"No setup state found for instance abcd\"}";
      } else {
        body =
            "{\"instance_id\":\"abcd\",\"phase\":\""
                + phase
                + "\",\"message\":\"m\",\"error\":\"it broke\""
                + (podId == null ? "" : ",\"pod_id\":\"" + podId + "\"")
                + "}";
      }
    } else if (call.startsWith("DELETE /api/runpod/")) {
      stateGone = true;
      body = "{\"terminated_count\":1,\"message\":\"ok\"}";
    } else {
      status = 404;
      body = "{\"detail\":\"no route\"}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  /** A clock that moves only when the run sleeps. */
  static final class TestClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-29T12:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
