package dev.cast2md.worker.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cast2md.worker.logging.EventLog;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * {@code /health/live} and {@code /health/ready} in MicroProfile Health's JSON shape (200 UP, 503
 * DOWN), and cast2md's {@code /status}, for the server's node test and the pod's watchdog.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static HealthServer start(String host, int port, Supplier<WorkerStatus> status)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
    ExecutorService executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "health-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext(
        "/health/live", exchange -> answer(exchange, status.get().running(), "live", status.get()));
    server.createContext(
        "/health/ready", exchange -> answer(exchange, status.get().ready(), "ready", status.get()));
    server.createContext(
        "/health",
        exchange -> {
          WorkerStatus s = status.get();
          answer(exchange, s.running() && s.ready(), "health", s);
        });
    server.createContext(
        "/status",
        exchange -> {
          WorkerStatus s = status.get();
          write(
              exchange,
              200,
              "{\"status\":\"ok\",\"name\":"
                  + quote(s.name())
                  + ",\"running\":"
                  + s.running()
                  + ",\"current_job\":"
                  + s.currentJobId()
                  + "}");
        });
    server.start();
    EventLog.info("health endpoints on http://%s:%d/health", host, server.getAddress().getPort());
    return new HealthServer(server, executor);
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, boolean up, String check, WorkerStatus s)
      throws IOException {
    String state = up ? "UP" : "DOWN";
    String data =
        "{\"engine\":"
            + quote(s.engine())
            + ",\"device\":"
            + quote(s.device())
            + ",\"current_job_id\":"
            + s.currentJobId()
            + ",\"prefetched\":"
            + ids(s.prefetchedJobIds())
            + ",\"spooled\":"
            + ids(s.spooledJobIds())
            + "}";
    write(
        exchange,
        up ? 200 : 503,
        "{\"status\":\""
            + state
            + "\",\"checks\":[{\"name\":\"transcriber-"
            + check
            + "\",\"status\":\""
            + state
            + "\",\"data\":"
            + data
            + "}]}");
  }

  private static String ids(List<Long> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
  }

  private static String quote(String value) {
    return value == null ? "null" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
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
