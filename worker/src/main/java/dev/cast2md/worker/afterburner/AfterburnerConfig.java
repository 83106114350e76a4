package dev.cast2md.worker.afterburner;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The afterburner's settings, read from the environment (the seed's {@code source .env}; see {@code
 * docker/afterburner.env.example}). Every problem is collected, so that a dry run names them all at
 * once. {@link #toString()} and {@link #describe()} never show a secret.
 */
public record AfterburnerConfig(
    URI server,
    String authorization,
    String authKind,
    Duration poll,
    Duration emptyWait,
    Duration maxRuntime,
    Duration setupTimeout,
    Duration drainGrace,
    int maxStarts,
    String runPodKey,
    URI runPodApi) {

  public static final String DEFAULT_RUNPOD_API = "https://api.runpod.io/v2";

  /** Reads and validates; throws with every problem found, one per line. */
  public static AfterburnerConfig from(Map<String, String> env, String serverOverride) {
    List<String> problems = new ArrayList<>();
    URI server =
        server(
            serverOverride != null ? serverOverride : value(env, "CAST2MD_SERVER_URL"), problems);
    String token = value(env, "CAST2MD_API_TOKEN");
    String user = value(env, "CAST2MD_ADMIN_USER");
    String password = value(env, "CAST2MD_ADMIN_PASSWORD");
    String authorization = null;
    String authKind = "none";
    if (token != null) {
      authorization = "Bearer " + token;
      authKind = "token (CAST2MD_API_TOKEN)";
    } else if (user != null && password != null) {
      authorization =
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      authKind = "basic (CAST2MD_ADMIN_USER " + user + ")";
    } else if (user != null || password != null) {
      problems.add("CAST2MD_ADMIN_USER and CAST2MD_ADMIN_PASSWORD must be set together");
    }
    Duration poll = seconds(env, "AFTERBURNER_POLL_SECONDS", 30, 1, problems);
    Duration emptyWait = seconds(env, "AFTERBURNER_EMPTY_WAIT_SECONDS", 60, 0, problems);
    Duration maxRuntime = seconds(env, "AFTERBURNER_MAX_RUNTIME", 0, 0, problems);
    Duration setupTimeout = seconds(env, "AFTERBURNER_SETUP_TIMEOUT_SECONDS", 1800, 10, problems);
    Duration drainGrace = seconds(env, "AFTERBURNER_DRAIN_GRACE_SECONDS", 300, 0, problems);
    int maxStarts = (int) seconds(env, "AFTERBURNER_MAX_POD_STARTS", 3, 1, problems).toSeconds();
    String runPodKey = value(env, "RUNPOD_API_KEY");
    URI runPodApi = null;
    String api = value(env, "RUNPOD_API_URL");
    try {
      runPodApi = URI.create(stripSlash(api == null ? DEFAULT_RUNPOD_API : api));
      if (runPodApi.getHost() == null) {
        problems.add("RUNPOD_API_URL must be an http(s) URL, was '" + api + "'");
      }
    } catch (IllegalArgumentException e) {
      problems.add("RUNPOD_API_URL is not a URL: '" + api + "'");
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new AfterburnerConfig(
        server,
        authorization,
        authKind,
        poll,
        emptyWait,
        maxRuntime.isZero() ? null : maxRuntime,
        setupTimeout,
        drainGrace,
        maxStarts,
        runPodKey,
        runPodApi);
  }

  /** The settings as a dry run prints them: secrets only as "set". */
  public Map<String, String> describe() {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("server", server.toString());
    d.put("credentials", authKind);
    d.put("poll", poll.toSeconds() + " s");
    d.put("empty queue confirmed after", emptyWait.toSeconds() + " s");
    d.put("max runtime", maxRuntime == null ? "none" : maxRuntime.toSeconds() + " s");
    d.put("setup timeout", setupTimeout.toSeconds() + " s");
    d.put("drain grace", drainGrace.toSeconds() + " s");
    d.put("pod starts at most", String.valueOf(maxStarts));
    d.put("RunPod API (direct checks)", runPodApi.toString());
    d.put("RUNPOD_API_KEY", runPodKey == null ? "not set (server-side only)" : "set");
    return d;
  }

  @Override
  public String toString() {
    return "AfterburnerConfig" + describe();
  }

  private static URI server(String url, List<String> problems) {
    if (url == null) {
      problems.add("CAST2MD_SERVER_URL is required (the server, e.g. http://cast2md:8000)");
      return null;
    }
    try {
      URI uri = URI.create(stripSlash(url.contains("://") ? url : "http://" + url));
      if (uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        problems.add("CAST2MD_SERVER_URL must be an http(s) URL, was '" + url + "'");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      problems.add("CAST2MD_SERVER_URL is not a URL: '" + url + "'");
      return null;
    }
  }

  private static Duration seconds(
      Map<String, String> env, String name, long fallback, long min, List<String> problems) {
    String v = value(env, name);
    if (v == null) {
      return Duration.ofSeconds(fallback);
    }
    try {
      long n = Long.parseLong(v);
      if (n < min) {
        problems.add(name + " must be at least " + min + ", was " + n);
        return Duration.ofSeconds(fallback);
      }
      return Duration.ofSeconds(n);
    } catch (NumberFormatException e) {
      problems.add(name + " must be a whole number, was '" + v + "'");
      return Duration.ofSeconds(fallback);
    }
  }

  static String value(Map<String, String> env, String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
