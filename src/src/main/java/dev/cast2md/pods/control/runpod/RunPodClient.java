package dev.cast2md.pods.control.runpod;

import dev.cast2md.pods.control.runpod.RunPodException.Kind;
import dev.cast2md.pods.entity.RunPodCreatePod;
import dev.cast2md.pods.entity.RunPodCreateTemplate;
import dev.cast2md.pods.entity.RunPodGpu;
import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.pods.entity.RunPodTemplate;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.rest.client.RestClientBuilder;

/**
 * RunPod's REST v2 for our pod lifecycle: every call bounded by timeouts, retried with backoff on
 * 5xx, 429 and connection failures, and classified into a {@link RunPodException.Kind} otherwise.
 *
 * <p>Creating is the one call that is not blindly retried: RunPod can answer a 5xx (or time out)
 * after it created the pod, so a failed create is followed by a lookup by name, and a pod found is
 * adopted instead of creating a second one that would bill unwatched.
 *
 * <p>Plain Java, no CDI, so that tests can run it against a fake server. Closing it releases the
 * REST client's connections.
 */
public final class RunPodClient implements RunPodApiPort, AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RunPodClient.class.getName());

  /** MicroProfile REST Client's switch for its default status ≥ 400 exception mapper. */
  static final String DISABLE_DEFAULT_MAPPER = "microprofile.rest.client.disable.default.mapper";

  private final RunPodApi api;
  private final Sleeper sleeper;
  private final RetryPolicy retry;
  private final String secretToRedact;

  public RunPodClient(RunPodApi api, Sleeper sleeper, RetryPolicy retry) {
    this(api, sleeper, retry, null);
  }

  private RunPodClient(RunPodApi api, Sleeper sleeper, RetryPolicy retry, String secretToRedact) {
    this.api = api;
    this.sleeper = sleeper;
    this.retry = retry;
    this.secretToRedact =
        secretToRedact == null || secretToRedact.isBlank() ? null : secretToRedact;
  }

  /**
   * A client over MicroProfile REST Client.
   *
   * @param baseUrl RunPod's v2 root, {@code https://api.runpod.io/v2}, or a fake's
   */
  public static RunPodClient create(
      URI baseUrl, String apiKey, Duration connectTimeout, Duration readTimeout) {
    return create(baseUrl, apiKey, connectTimeout, readTimeout, Sleeper.REAL, RetryPolicy.DEFAULT);
  }

  public static RunPodClient create(
      URI baseUrl,
      String apiKey,
      Duration connectTimeout,
      Duration readTimeout,
      Sleeper sleeper,
      RetryPolicy retry) {
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("no RunPod API key is configured");
    }
    RunPodApi api =
        RestClientBuilder.newBuilder()
            .baseUri(baseUrl)
            .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
            .property(DISABLE_DEFAULT_MAPPER, Boolean.TRUE)
            .register(new BearerAuth(apiKey))
            .build(RunPodApi.class);
    return new RunPodClient(api, sleeper, retry, apiKey);
  }

  /** Releases the REST client's connections, where the implementation holds any. */
  @Override
  public void close() {
    if (api instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.fine(() -> "closing the RunPod REST client: " + e);
      }
    }
  }

  // --- pods ---

  /** Our pods, terminated ones excluded (RunPod does not list them). */
  public List<RunPodPod> listPods() {
    return call("list pods", api::listPods, reply -> RunPodJson.pods(reply.body()));
  }

  /** The pod, or empty when RunPod does not know it (any more). */
  public Optional<RunPodPod> findPod(String podId) {
    try {
      return Optional.of(
          call("get pod " + podId, () -> api.getPod(podId), r -> RunPodJson.pod(r.body())));
    } catch (RunPodException e) {
      if (e.kind() == Kind.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Pods with exactly this name; v2 has no name filter, so the list is filtered here. */
  public List<RunPodPod> findPodsByName(String name) {
    return listPods().stream().filter(p -> name.equals(p.name())).toList();
  }

  /**
   * Creates a pod on exactly the requested GPU type. A server error or a lost answer is followed by
   * a lookup by name before any further attempt, and a pod found is returned instead of creating
   * another.
   *
   * @throws RunPodException {@link Kind#CAPACITY} when that GPU type cannot be placed now (try the
   *     next type); after repeated server errors with no pod found, {@link Kind#SERVER} or {@link
   *     Kind#UNREACHABLE}
   */
  public RunPodPod createPod(RunPodCreatePod req) {
    String body = RunPodJson.createPodBody(req);
    return createAdopting(
        "create pod " + req.name(),
        () -> api.createPod(body),
        reply -> RunPodJson.pod(reply.body()),
        () -> adoptablePod(req.name()));
  }

  /**
   * Terminates the pod. Idempotent: a pod RunPod no longer knows, or one already on its way out,
   * counts as terminated.
   */
  public void terminatePod(String podId) {
    try {
      call("terminate pod " + podId, () -> api.deletePod(podId), reply -> null);
    } catch (RunPodException e) {
      if (alreadyGone(e)) {
        LOG.fine(() -> "pod " + podId + " was already gone: " + e.getMessage());
        return;
      }
      throw e;
    }
  }

  private static boolean alreadyGone(RunPodException e) {
    return e.kind() == Kind.NOT_FOUND
        || e.status() == 404
        || e.status() == 409
        || (e.kind() == Kind.BAD_REQUEST
            && e.getMessage() != null
            && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("not found"));
  }

  private Optional<RunPodPod> adoptablePod(String name) {
    List<RunPodPod> found = findPodsByName(name);
    if (found.size() > 1) {
      LOG.warning(
          () -> found.size() + " pods are named " + name + "; adopting " + found.get(0).id());
    }
    return found.stream().findFirst();
  }

  // --- templates ---

  /** Our template with exactly this name. */
  public Optional<RunPodTemplate> findTemplate(String name) {
    return call("list templates", api::listTemplates, r -> RunPodJson.templates(r.body())).stream()
        .filter(t -> name.equals(t.name()))
        .findFirst();
  }

  /**
   * Creates a template. Names are unique on RunPod, so a create that failed, or lost a race to
   * another creator, is resolved by finding the template by name.
   */
  public RunPodTemplate createTemplate(RunPodCreateTemplate req) {
    String body = RunPodJson.createTemplateBody(req);
    try {
      return createAdopting(
          "create template " + req.name(),
          () -> api.createTemplate(body),
          reply -> RunPodJson.template(reply.body()),
          () -> findTemplate(req.name()));
    } catch (RunPodException e) {
      if (e.kind() == Kind.BAD_REQUEST) {
        // "name must be unique": someone created it between our lookup and our create
        Optional<RunPodTemplate> existing = findTemplate(req.name());
        if (existing.isPresent()) {
          return existing.get();
        }
      }
      throw e;
    }
  }

  // --- catalog ---

  /** GPU types for pods with their prices (null = not offerable now) and availability. */
  public List<RunPodGpu> gpuCatalog() {
    return call(
        "gpu catalog",
        () -> api.gpuCatalog("AVAILABILITY", "POD", 1),
        reply -> RunPodJson.gpus(reply.body()));
  }

  // --- the retry loop ---

  /** An answer read off the wire: the entity is consumed and the connection released. */
  record Reply(int status, String body, Duration retryAfter) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /** Calls with bounded retries for retryable failures and maps a 2xx reply. */
  private <T> T call(String what, Supplier<Response> request, Function<Reply, T> onSuccess) {
    for (int attempt = 1; ; attempt++) {
      Reply reply;
      RunPodException failure;
      try {
        reply = once(request);
        if (reply.ok()) {
          return read(what, reply, onSuccess);
        }
        failure = failure(reply);
      } catch (RunPodException unreachable) {
        failure = unreachable;
      }
      if (!failure.retryable() || attempt >= retry.maxAttempts()) {
        throw failure;
      }
      pause(what, attempt, failure);
    }
  }

  /**
   * Like {@link #call} for a create, but after a server error or a lost answer, which may hide a
   * create that did happen, {@code lookup} runs first and what it finds is adopted.
   */
  private <T> T createAdopting(
      String what,
      Supplier<Response> request,
      Function<Reply, T> onSuccess,
      Supplier<Optional<T>> lookup) {
    for (int attempt = 1; ; attempt++) {
      RunPodException failure;
      try {
        Reply reply = once(request);
        if (reply.ok()) {
          return read(what, reply, onSuccess);
        }
        failure = failure(reply);
      } catch (RunPodException unreachable) {
        failure = unreachable;
      }
      if (failure.kind() == Kind.SERVER || failure.kind() == Kind.UNREACHABLE) {
        Optional<T> created = lookupAfterFailedCreate(what, lookup, failure);
        if (created.isPresent()) {
          LOG.warning(() -> what + " answered an error but had happened; adopting the result");
          return created.get();
        }
      }
      if (!failure.retryable() || attempt >= retry.maxAttempts()) {
        throw failure;
      }
      pause(what, attempt, failure);
    }
  }

  private <T> Optional<T> lookupAfterFailedCreate(
      String what, Supplier<Optional<T>> lookup, RunPodException createFailure) {
    try {
      return lookup.get();
    } catch (RunPodException lookupFailure) {
      // Without the lookup we cannot tell whether the create happened; creating again could leave
      // a second, unwatched pod, so stop here and leave it to the caller (and the reaper).
      throw new RunPodException(
          createFailure.kind(),
          createFailure.status(),
          what
              + " failed ("
              + createFailure.getMessage()
              + ") and the lookup afterwards failed too ("
              + lookupFailure.getMessage()
              + "); whether it was created is unknown",
          null);
    }
  }

  private Reply once(Supplier<Response> request) {
    Response response;
    try {
      response = request.get();
    } catch (WebApplicationException mapped) {
      // a runtime that maps error statuses despite DISABLE_DEFAULT_MAPPER still carries the reply
      response = mapped.getResponse();
    } catch (ProcessingException noAnswer) {
      throw new RunPodException(
          Kind.UNREACHABLE, "RunPod did not answer: " + describe(noAnswer), noAnswer);
    }
    try {
      String body = response.hasEntity() ? response.readEntity(String.class) : "";
      return new Reply(
          response.getStatus(), body, RetryAfter.parse(response.getHeaderString("Retry-After")));
    } catch (ProcessingException brokenBody) {
      throw new RunPodException(
          Kind.UNREACHABLE, "RunPod's answer broke off: " + describe(brokenBody), brokenBody);
    } finally {
      response.close();
    }
  }

  private <T> T read(String what, Reply reply, Function<Reply, T> onSuccess) {
    try {
      return onSuccess.apply(reply);
    } catch (RuntimeException unreadable) {
      throw new RunPodException(
          Kind.SERVER,
          reply.status(),
          what + ": RunPod's answer could not be read: " + unreadable.getMessage(),
          null);
    }
  }

  private RunPodException failure(Reply reply) {
    return RunPodException.fromHttp(
        reply.status(), redact(RunPodJson.problemDetail(reply.body())), reply.retryAfter());
  }

  private void pause(String what, int attempt, RunPodException failure) {
    Duration wait = retry.waitAfter(attempt, failure.retryAfter());
    LOG.warning(
        () ->
            what
                + ": "
                + failure.kind()
                + (failure.status() > 0 ? " (HTTP " + failure.status() + ")" : "")
                + " "
                + failure.getMessage()
                + "; attempt "
                + attempt
                + " of "
                + retry.maxAttempts()
                + ", next in "
                + wait.toMillis()
                + " ms");
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure;
    }
  }

  private String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return redact(root.getClass().getSimpleName() + ": " + root.getMessage());
  }

  private String redact(String text) {
    if (text == null || secretToRedact == null) {
      return text;
    }
    return text.replace(secretToRedact, "***");
  }
}
