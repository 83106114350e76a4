package dev.cast2md.pods.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a pod's worker for its MicroProfile Health verdict at the address the pod reported (its
 * Tailscale IP). Unreachable is "no answer", not DOWN: silence is judged by the heartbeats.
 */
public class WorkerHealthProbe {
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"(UP|DOWN)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final int port;

  public WorkerHealthProbe(int port) {
    this.port = port;
  }

  /** UP or DOWN as the worker says, or empty when it cannot be asked. */
  public Optional<String> status(String hostIp) {
    if (hostIp == null || hostIp.isBlank() || port <= 0) {
      return Optional.empty();
    }
    String host = hostIp.contains(":") ? "[" + hostIp + "]" : hostIp;
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health"))
                  .timeout(TIMEOUT)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Matcher m = STATUS.matcher(r.body());
      // the top-level status comes first in MicroProfile Health's answer
      return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
