package dev.cast2md.worker.engine.models;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Hugging Face's CDN: serves one file with HTTP Range support, and can
 * misbehave on the first request (cut the connection, or stall mid-transfer).
 */
final class ModelFileServer implements AutoCloseable {
  enum FirstRequest {
    NORMAL,
    CUT,
    STALL
  }

  final List<String> ranges = new CopyOnWriteArrayList<>();
  final AtomicInteger gets = new AtomicInteger();
  private final HttpServer server;
  private final ExecutorService executor;
  private final byte[] data;
  private volatile FirstRequest first;

  ModelFileServer(byte[] data, FirstRequest first) throws IOException {
    this.data = data;
    this.first = first;
    AtomicInteger threads = new AtomicInteger();
    executor =
        Executors.newFixedThreadPool(
            4, r -> new Thread(r, "model-file-server-" + threads.incrementAndGet()));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/model.bin", this::serve);
    server.createContext(
        "/redirect",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/model.bin");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/missing",
        exchange -> {
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void misbehaveNext(FirstRequest mode) {
    first = mode;
  }

  private void serve(HttpExchange exchange) throws IOException {
    gets.incrementAndGet();
    String range = exchange.getRequestHeaders().getFirst("Range");
    ranges.add(range == null ? "" : range);
    int from = 0;
    if (range != null && range.startsWith("bytes=")) {
      from = Integer.parseInt(range.substring(6, range.indexOf('-')));
    }
    if (from >= data.length) {
      exchange.sendResponseHeaders(416, -1);
      exchange.close();
      return;
    }
    int length = data.length - from;
    if (from > 0) {
      exchange
          .getResponseHeaders()
          .add("Content-Range", "bytes " + from + "-" + (data.length - 1) + "/" + data.length);
    }
    exchange.sendResponseHeaders(from > 0 ? 206 : 200, length);
    FirstRequest mode = first;
    first = FirstRequest.NORMAL;
    OutputStream body = exchange.getResponseBody();
    try {
      if (mode == FirstRequest.NORMAL) {
        body.write(data, from, length);
        body.close();
        return;
      }
      int half = length / 2;
      body.write(data, from, half);
      body.flush();
      if (mode == FirstRequest.STALL) {
        Thread.sleep(3000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the client gave up on a stalled transfer: expected
    }
    // Closing the exchange short of its Content-Length drops the connection: a cut transfer.
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
