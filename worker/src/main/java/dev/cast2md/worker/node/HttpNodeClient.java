package dev.cast2md.worker.node;

import dev.cast2md.protocol.ClaimResponse;
import dev.cast2md.protocol.CompleteRequest;
import dev.cast2md.protocol.ErrorResponse;
import dev.cast2md.protocol.FailRequest;
import dev.cast2md.protocol.HeartbeatRequest;
import dev.cast2md.protocol.HeartbeatResponse;
import dev.cast2md.protocol.NodeApi;
import dev.cast2md.protocol.NodeHeaders;
import dev.cast2md.protocol.NodePaths;
import dev.cast2md.protocol.ProgressRequest;
import dev.cast2md.protocol.ProtocolJson;
import dev.cast2md.protocol.RegisterRequest;
import dev.cast2md.protocol.RegisterResponse;
import dev.cast2md.protocol.SetupProgressRequest;
import dev.cast2md.protocol.TerminationResponse;
import jakarta.json.bind.Jsonb;
import java.io.IOException;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The node protocol over HTTP, with cast2md's per-call timeouts. Bodyless POSTs carry no
 * Content-Type (as the Python node sends them); only 200 counts as success, as in cast2md.
 */
public final class HttpNodeClient implements NodeApi {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration COMPLETE_TIMEOUT = Duration.ofSeconds(60);

  private final String server;
  private volatile NodeCredentials credentials;
  private final HttpClient http;
  private final AudioDownloader downloader;
  private final Jsonb jsonb = ProtocolJson.create();

  public HttpNodeClient(
      URI server, String nodeId, String apiKey, HttpClient http, AudioDownloader downloader) {
    String base = server.toString();
    this.server = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.credentials = new NodeCredentials(nodeId, apiKey);
    this.http = http;
    this.downloader = downloader;
  }

  /** The node id the calls are made as. */
  public String nodeId() {
    return credentials.nodeId();
  }

  /** Switches to the credentials of a fresh registration (the server forgot the old node). */
  public void useCredentials(NodeCredentials fresh) {
    this.credentials = fresh;
  }

  /** HTTP/1.1 (no h2c upgrade dance with the server), 10 s to connect, proxy from the env. */
  public static HttpClient newHttpClient(Map<String, String> env) {
    HttpClient.Builder builder =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL);
    ProxySelector proxy = EnvironmentProxySelector.fromEnvironment(env);
    if (proxy != null) {
      builder.proxy(proxy);
    }
    return builder.build();
  }

  /** Registration with the enrolment key, or with a pod's one-time setup token. */
  @Override
  public RegisterResponse register(RegisterRequest request, String enrolmentKey, String setupToken)
      throws IOException {
    HttpRequest.Builder builder = json(NodePaths.REGISTER, request, REGISTER_TIMEOUT, false);
    if (enrolmentKey != null && !enrolmentKey.isBlank()) {
      builder.header(NodeHeaders.ENROLMENT_KEY, enrolmentKey);
    }
    if (setupToken != null && !setupToken.isBlank()) {
      builder.header(NodeHeaders.SETUP_TOKEN, setupToken);
    }
    return send("register", builder.build(), RegisterResponse.class);
  }

  @Override
  public HeartbeatResponse heartbeat(HeartbeatRequest request) throws IOException {
    return send(
        "heartbeat",
        json(NodePaths.heartbeat(credentials.nodeId()), request, DEFAULT_TIMEOUT, true).build(),
        HeartbeatResponse.class);
  }

  @Override
  public ClaimResponse claim() throws IOException {
    return send(
        "claim",
        bodyless(NodePaths.claim(credentials.nodeId()), DEFAULT_TIMEOUT).build(),
        ClaimResponse.class);
  }

  /**
   * Downloads the claim's {@code audio_url}. Relative URLs are the server's and get the key; an
   * absolute URL gets it only when it points at the server itself, so a key never leaks to a
   * third-party host.
   */
  @Override
  public void downloadAudio(String audioUrl, long jobId, Path target) throws IOException {
    URI uri = audioUrl.startsWith("/") ? URI.create(server + audioUrl) : URI.create(audioUrl);
    boolean ours = uri.toString().startsWith(server + "/");
    Map<String, String> headers =
        ours ? Map.of(NodeHeaders.TRANSCRIBER_KEY, credentials.apiKey()) : Map.of();
    try {
      downloader.download(uri, headers, target, jobId);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("download interrupted");
    }
  }

  /** A direct download from the publisher: no key, ever. */
  public void downloadDirect(URI enclosure, long jobId, Path target)
      throws IOException, InterruptedException {
    downloader.download(enclosure, Map.of(), target, jobId);
  }

  @Override
  public void progress(long jobId, int percent) throws IOException {
    send(
        "progress",
        json(NodePaths.progress(jobId), new ProgressRequest(percent), SHORT_TIMEOUT, true).build(),
        null);
  }

  @Override
  public void complete(long jobId, CompleteRequest result) throws IOException {
    send("complete", json(NodePaths.complete(jobId), result, COMPLETE_TIMEOUT, true).build(), null);
  }

  @Override
  public void fail(long jobId, FailRequest failure) throws IOException {
    send("fail", json(NodePaths.fail(jobId), failure, DEFAULT_TIMEOUT, true).build(), null);
  }

  @Override
  public void release(long jobId) throws IOException {
    send("release", bodyless(NodePaths.release(jobId), RELEASE_TIMEOUT).build(), null);
  }

  @Override
  public TerminationResponse requestTermination() throws IOException {
    return send(
        "request-termination",
        bodyless(NodePaths.requestTermination(credentials.nodeId()), SHORT_TIMEOUT).build(),
        TerminationResponse.class);
  }

  /** Authorised by the setup token alone: the node key, if any, is not the pod's credential. */
  @Override
  public void setupProgress(String instanceId, String setupToken, SetupProgressRequest progress)
      throws IOException {
    send(
        "setup-progress",
        json(NodePaths.setupProgress(instanceId), progress, SHORT_TIMEOUT, false)
            .header(NodeHeaders.SETUP_TOKEN, setupToken)
            .build(),
        null);
  }

  private HttpRequest.Builder json(String path, Object body, Duration timeout, boolean keyed) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(URI.create(server + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(jsonb.toJson(body), StandardCharsets.UTF_8));
    if (keyed) {
      builder.header(NodeHeaders.TRANSCRIBER_KEY, credentials.apiKey());
    }
    return builder;
  }

  private HttpRequest.Builder bodyless(String path, Duration timeout) {
    return HttpRequest.newBuilder(URI.create(server + path))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header(NodeHeaders.TRANSCRIBER_KEY, credentials.apiKey())
        .POST(HttpRequest.BodyPublishers.noBody());
  }

  private <T> T send(String call, HttpRequest request, Class<T> answer) throws IOException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException(call + " interrupted");
    }
    if (response.statusCode() != 200) {
      throw new NodeHttpException(call, response.statusCode(), detail(response.body()));
    }
    if (answer == null) {
      return null;
    }
    try {
      return jsonb.fromJson(response.body(), answer);
    } catch (RuntimeException e) {
      throw new IOException(call + " answered 200 with a body that is not its JSON", e);
    }
  }

  private String detail(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      ErrorResponse error = jsonb.fromJson(body, ErrorResponse.class);
      if (error != null && error.detail() != null) {
        return error.detail();
      }
    } catch (RuntimeException e) {
      // Not the protocol's error shape (a proxy's HTML page): show its start instead.
    }
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() > 200 ? flat.substring(0, 200) : flat;
  }
}
