package dev.cast2md.it;

import dev.cast2md.protocol.NodeHeaders;
import dev.cast2md.protocol.ProtocolJson;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A small HTTP client for black-box tests, speaking the API's JSON. */
public final class Api {
  static final Jsonb JSON = ProtocolJson.create();
  private final URI base;
  // sent with every request unless the request names its own Authorization header
  private final String authorization;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** A client that authenticates as the test server's administrator (HTTP Basic). */
  public Api(URI base) {
    this(base, basic(LibertyServer.ADMIN_USER, LibertyServer.ADMIN_PASSWORD));
  }

  private Api(URI base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** A client that sends no credentials, as a stranger (or a node with only its key) would. */
  public static Api anonymous(URI base) {
    return new Api(base, null);
  }

  /** A client that authenticates with a personal API token. */
  public static Api bearer(URI base, String token) {
    return new Api(base, "Bearer " + token);
  }

  public static String basic(String user, String password) {
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** A response: status, body, headers. */
  public record Reply(int status, String body, byte[] raw, Map<String, List<String>> headers) {
    @SuppressWarnings("unchecked")
    public Map<String, Object> json() {
      return JSON.fromJson(body, Map.class);
    }

    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    public long number(String field) {
      return ((Number) json().get(field)).longValue();
    }

    public String string(String field) {
      Object v = json().get(field);
      return v == null ? null : v.toString();
    }
  }

  public Reply get(String path, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).GET(), headers);
  }

  public Reply delete(String path, String... headers) {
    return send(HttpRequest.newBuilder(base.resolve(path)).DELETE(), headers);
  }

  /** POST with a JSON body (an object serialised with the protocol's mapping, or a raw string). */
  public Reply post(String path, Object body, String... headers) {
    String json = body instanceof String s ? s : JSON.toJson(body);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    return send(b, headers);
  }

  /** POST without a body and without a Content-Type, as the Python node sends claim/release. */
  public Reply postEmpty(String path, String... headers) {
    return send(
        HttpRequest.newBuilder(base.resolve(path)).POST(HttpRequest.BodyPublishers.noBody()),
        headers);
  }

  public Reply postBytes(String path, String contentType, byte[] body, String... headers) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        headers);
  }

  public Reply put(String path, Object body, String... headers) {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(JSON.toJson(body))),
        headers);
  }

  /** Any method with a JSON body (PATCH, or DELETE with a body as the model catalog takes). */
  public Reply withBody(String method, String path, Object body, String... headers) {
    String json = body instanceof String str ? str : JSON.toJson(body);
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)),
        headers);
  }

  public static String[] key(String nodeKey) {
    return new String[] {NodeHeaders.TRANSCRIBER_KEY, nodeKey};
  }

  private Reply send(HttpRequest.Builder b, String... headers) {
    boolean ownAuthorization = false;
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
      ownAuthorization |= headers[i].equalsIgnoreCase("Authorization");
    }
    if (authorization != null && !ownAuthorization) {
      b.header("Authorization", authorization);
    }
    try {
      HttpResponse<byte[]> r =
          http.send(
              b.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(
          r.statusCode(),
          new String(r.body(), StandardCharsets.UTF_8),
          r.body(),
          r.headers().map());
    } catch (IOException e) {
      throw new IllegalStateException("request failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
