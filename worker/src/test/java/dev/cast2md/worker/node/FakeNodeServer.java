package dev.cast2md.worker.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stand-in for the cast2md server's node protocol on 127.0.0.1: hands out queued jobs, serves
 * their audio, records every request, and can be told to fail or hang.
 */
public final class FakeNodeServer implements AutoCloseable {
  public record Request(
      String method,
      String path,
      String key,
      String contentType,
      String body,
      String enrolment,
      String setupToken) {}

  record Job(long id, byte[] audio, int audioStatus) {}

  public final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Deque<Job> jobs = new ArrayDeque<>();
  private final List<Job> handedOut = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  volatile int claimStatus = 200;
  final AtomicInteger completeFailuresLeft = new AtomicInteger();
  volatile int completeFailureStatus = 503;
  volatile boolean hangHeartbeats;
  volatile String releasedInHeartbeat = "[]";

  /** Status a pod's setup-progress report answers with. */
  public volatile int setupProgressStatus = 200;

  /** Status the register call answers with; anything but 200 is a refusal. */
  public volatile int registerStatus = 200;

  /** Node ids the server has deleted: their heartbeat and claim answer 404. */
  private final List<String> forgotten = new CopyOnWriteArrayList<>();

  private final AtomicInteger generation = new AtomicInteger(1);

  public FakeNodeServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Deletes the node registered now (n1 at first), as an admin would: its heartbeat and claim
   * answer 404 from now on, and the next registration hands out a new node id and key.
   */
  public void forgetNode() {
    forgotten.add(nodeId(generation.getAndIncrement()));
  }

  private static String nodeId(int generation) {
    return "n" + generation;
  }

  private static String apiKey(int generation) {
    return generation == 1 ? "secret-key" : "secret-key-" + generation;
  }

  private boolean forgottenNodeCall(String path) {
    String[] parts = path.split("/");
    return parts.length == 5 && forgotten.contains(parts[3]);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public synchronized void enqueue(long id, byte[] audio) {
    jobs.add(new Job(id, audio, 200));
  }

  synchronized void enqueueMissingAudio(long id) {
    jobs.add(new Job(id, null, 404));
  }

  public List<Request> calls(String method, Predicate<String> path) {
    List<Request> matching = new ArrayList<>();
    for (Request r : requests) {
      if (r.method().equals(method) && path.test(r.path())) {
        matching.add(r);
      }
    }
    return matching;
  }

  public List<Request> calls(String suffix) {
    return calls("POST", p -> p.endsWith(suffix));
  }

  /** Polls until {@code condition} holds; the limit is generous, tests assert the outcome. */
  public static void await(String what, java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never happened: " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            path,
            exchange.getRequestHeaders().getFirst("X-Transcriber-Key"),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body,
            exchange.getRequestHeaders().getFirst("X-Enrolment-Key"),
            exchange.getRequestHeaders().getFirst("X-Setup-Token")));
    if (path.endsWith("/setup-progress")) {
      json(
          exchange,
          setupProgressStatus,
          setupProgressStatus == 200 ? "{\"status\":\"ok\"}" : "{\"detail\":\"busy\"}");
    } else if (path.endsWith("/register")) {
      if (registerStatus != 200) {
        json(exchange, registerStatus, "{\"detail\":\"Invalid enrolment key\"}");
        return;
      }
      int g = generation.get();
      json(
          exchange,
          200,
          "{\"node_id\":\""
              + nodeId(g)
              + "\",\"api_key\":\""
              + apiKey(g)
              + "\",\"message\":\"ok\"}");
    } else if (forgottenNodeCall(path)) {
      json(exchange, 404, "{\"detail\":\"Node not found\"}");
    } else if (path.endsWith("/heartbeat")) {
      if (hangHeartbeats) {
        sleep(Duration.ofSeconds(120));
      }
      json(
          exchange,
          200,
          "{\"status\":\"ok\",\"message\":\"Heartbeat received\",\"released_job_ids\":"
              + releasedInHeartbeat
              + "}");
    } else if (path.endsWith("/claim")) {
      if (claimStatus != 200) {
        json(exchange, claimStatus, "{\"detail\":\"boom\"}");
        return;
      }
      Job job;
      synchronized (this) {
        job = jobs.poll();
      }
      if (job == null) {
        json(
            exchange,
            200,
            "{\"job_id\":null,\"episode_id\":null,\"episode_title\":null,\"audio_url\":\"\","
                + "\"has_job\":false}");
      } else {
        handedOut.add(job);
        json(
            exchange,
            200,
            "{\"job_id\":"
                + job.id()
                + ",\"episode_id\":"
                + job.id()
                + ",\"episode_title\":\"Episode "
                + job.id()
                + "\",\"audio_url\":\"/api/nodes/jobs/"
                + job.id()
                + "/audio\",\"has_job\":true}");
      }
    } else if (path.endsWith("/audio")) {
      long id = Long.parseLong(path.split("/")[4]);
      Job job = handedOut.stream().filter(j -> j.id() == id).findFirst().orElse(null);
      if (job == null || job.audioStatus() != 200) {
        json(exchange, 404, "{\"detail\":\"Audio file not found\"}");
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", "audio/mpeg");
      exchange.sendResponseHeaders(200, job.audio().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(job.audio());
      }
    } else if (path.endsWith("/complete")) {
      if (completeFailuresLeft.getAndDecrement() > 0) {
        json(exchange, completeFailureStatus, "{\"detail\":\"busy\"}");
        return;
      }
      json(exchange, 200, "{\"message\":\"Job completed successfully\"}");
    } else if (path.endsWith("/request-termination")) {
      json(exchange, 200, "{\"status\":\"ok\",\"message\":\"bye\",\"terminated\":true}");
    } else {
      json(exchange, 200, "{\"message\":\"ok\"}");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
