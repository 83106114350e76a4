package dev.cast2md.worker.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cast2md.protocol.HealthReport;
import dev.cast2md.protocol.ProtocolJson;
import dev.cast2md.worker.logging.EventLog;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * {@code /health}, {@code /health/live} and {@code /health/ready} in MicroProfile Health's JSON
 * shape (200 UP, 503 DOWN), from {@link NodeHealth} (the same report the heartbeats carry), and
 * cast2md's {@code /status}, for the server's node test and the pod's watchdog. Started before the
 * engine loads, so a pod that is still loading its model answers "not ready" rather than nothing.
 */
public final class HealthServer implements AutoCloseable {
  /** cast2md's {@code /status} body. */
  public record StatusBody(String status, String name, boolean running, Long currentJob) {}

  private final HttpServer server;
  private final ExecutorService executor;

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static HealthServer start(String host, int port, NodeHealth health) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "health-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    Jsonb jsonb = ProtocolJson.create();
    server.createContext("/health/live", exchange -> answer(exchange, jsonb, health::liveness));
    server.createContext("/health/ready", exchange -> answer(exchange, jsonb, health::readiness));
    server.createContext("/health", exchange -> answer(exchange, jsonb, health::report));
    server.createContext(
        "/status",
        exchange ->
            write(
                exchange,
                200,
                jsonb.toJson(
                    health
                        .status()
                        .map(s -> new StatusBody("ok", s.name(), s.running(), s.currentJobId()))
                        .orElse(new StatusBody("starting", null, false, null)))));
    server.start();
    EventLog.info("health endpoints on http://%s:%d/health", host, server.getAddress().getPort());
    return new HealthServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, Jsonb jsonb, Supplier<HealthReport> report)
      throws IOException {
    HealthReport health = report.get();
    write(exchange, health.healthy() ? 200 : 503, jsonb.toJson(health));
  }

  private static void write(HttpExchange exchange, int status, String body) throws IOException {
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
    executor.shutdownNow();
  }
}
