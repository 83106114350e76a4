package dev.cast2md.worker.afterburner;

import dev.cast2md.worker.node.Backoff;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * JSON over HTTP for the afterburner: every call has a deadline; idempotent calls (GET, DELETE) are
 * tried again with backoff on a network error or a 5xx, a POST never (it could start a second pod).
 * The authorization header is sent, never logged.
 */
final class JsonHttp {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String authorization;
  private final HttpClient http;
  private final Backoff retry;
  private final Backoff.Sleeper sleeper;

  JsonHttp(URI base, String authorization, Backoff retry, Backoff.Sleeper sleeper) {
    this.base = base;
    this.authorization = authorization;
    this.retry = retry;
    this.sleeper = sleeper;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** A response: its status and its JSON (an empty object when the body was not JSON). */
  record Reply(int status, JsonStructure json) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    JsonObject object() {
      return json instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** The server's {@code {"detail"}} or RunPod's problem text, for messages. */
    String detail() {
      JsonObject o = object();
      for (String field : new String[] {"detail", "message", "error", "title"}) {
        if (o.get(field) instanceof jakarta.json.JsonString s) {
          return s.getString();
        }
      }
      return "HTTP " + status;
    }
  }

  /** An exception for a message: its text, or its kind when it has none (a refused connection). */
  static String describe(Exception e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  URI base() {
    return base;
  }

  Reply get(String path) throws IOException, InterruptedException {
    return idempotent(request(path).GET());
  }

  Reply delete(String path) throws IOException, InterruptedException {
    return idempotent(request(path).DELETE());
  }

  Reply post(String path, String json) throws IOException, InterruptedException {
    return once(
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(CALL_TIMEOUT)
            .header("Accept", "application/json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return b;
  }

  private Reply idempotent(HttpRequest.Builder request) throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
      if (attempt > 1) {
        sleeper.sleep(retry.delayBefore(attempt));
      }
      try {
        Reply r = once(request);
        if (r.status() < 500 || attempt == retry.attempts()) {
          return r;
        }
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }

  private Reply once(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), parse(r.body()));
  }

  private static JsonStructure parse(String body) {
    if (body == null || body.isBlank()) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
    try (JsonReader reader = Json.createReader(new StringReader(body))) {
      return reader.read();
    } catch (RuntimeException e) {
      return JsonValue.EMPTY_JSON_OBJECT;
    }
  }
}
