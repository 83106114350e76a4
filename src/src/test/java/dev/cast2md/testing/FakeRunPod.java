package dev.cast2md.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.cast2md.pods.entity.RunPodPod;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake RunPod REST API v2 on loopback, following {@code shared/docs/reference/runpod-api.md}
 * (§2b, §3, §4, §5, §7): {@code {"pods":[...]}} without terminated pods, RFC 9457 problems, pods
 * that go STARTING → RUNNING (runtime non-null) after some reads or a delay, terminate as "gone"
 * (404 afterwards), templates with unique names, a GPU catalog whose display names differ from ids,
 * Bearer auth with the account key, and a pod-scoped key per pod.
 *
 * <p>Failure modes are knobs: no capacity per GPU type, 429 with {@code Retry-After}, the phantom
 * create (500 after creating), pods that never run, a GPU other than the one asked for, leaked
 * pods.
 *
 * <p>A {@link Containers} hook, when set, is started when a pod becomes RUNNING with the env the
 * container would see (secrets resolved, RunPod's variables injected), and stopped on terminate.
 */
public final class FakeRunPod implements AutoCloseable {

  public static final String DEFAULT_ACCOUNT_KEY = "rpa_FAKEACCOUNTKEY0000000000000000";
  static final String LOOPBACK = "127.0.0.1";

  static final String CAPACITY_DETAIL =
      "There are no longer any instances available with the requested specifications. Please"
          + " refresh and try again.";
  static final String SERVER_ERROR_DETAIL =
      "Something went wrong. Please try again later or contact support.";

  /** The properties v2's CreatePodRequest allows ({@code unevaluatedProperties:false}). */
  private static final Set<String> CREATE_POD_FIELDS =
      Set.of(
          "name",
          "image",
          "templateId",
          "gpu",
          "cpu",
          "cloud",
          "dataCenterIds",
          "mounts",
          "disk",
          "args",
          "ports",
          "env",
          "registry",
          "startSsh",
          "startJupyter",
          "globalNetworking");

  private static final Pattern SECRET_REF =
      Pattern.compile("\\{\\{\\s*RUNPOD_SECRET_([A-Za-z0-9_.-]+)\\s*\\}\\}");
  private static final Pattern POD_PATH = Pattern.compile("/v2/pods/([^/]+)(/action)?");

  /** Starts what runs inside a pod. */
  public interface Containers {
    Container start(RunPodPod pod, Map<String, String> env);
  }

  /** What runs inside a pod. */
  public interface Container {
    void stop();

    boolean alive();
  }

  /** A request as the fake saw it. */
  public record Request(String method, String path, int status) {
    @Override
    public String toString() {
      return method + " " + path + " -> " + status;
    }
  }

  private final String accountKey;
  private final HttpServer server;
  private final ExecutorService httpThreads = Executors.newFixedThreadPool(8);

  /** One thread, so that a container's start and stop stay in order. */
  private final ExecutorService containerThread = Executors.newSingleThreadExecutor();

  private final ScheduledExecutorService startupTimer =
      Executors.newSingleThreadScheduledExecutor();

  private final SecureRandom random = new SecureRandom();
  private final List<String> arrivals = new CopyOnWriteArrayList<>();
  private final List<Request> answered = new CopyOnWriteArrayList<>();

  // state, guarded by this
  private final Map<String, FakePod> pods = new LinkedHashMap<>();
  private final Map<String, FakeTemplate> templates = new LinkedHashMap<>();
  private final Map<String, String> secrets = new HashMap<>();
  private final Set<String> noCapacity = new HashSet<>();
  private final Set<String> unpriced = new HashSet<>();
  private final Map<String, String> substitutes = new HashMap<>();
  private int rateLimitLeft;
  private int retryAfterSeconds;
  private int phantomCreatesLeft;
  private int failuresLeft;
  private Duration createAnswerDelay = Duration.ZERO;
  private int failureStatus;
  private boolean neverRunning;
  private int readsWhileStarting = 1;
  private Duration startupDelay;
  private int createCount;
  private Containers containers;

  private FakeRunPod(int port, String accountKey) throws IOException {
    this.accountKey = accountKey;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", this::handle);
    server.setExecutor(httpThreads);
    server.start();
  }

  /** A fake on a free loopback port with {@link #DEFAULT_ACCOUNT_KEY}. */
  public static FakeRunPod start() throws IOException {
    return start(0, DEFAULT_ACCOUNT_KEY);
  }

  public static FakeRunPod start(int port, String accountKey) throws IOException {
    return new FakeRunPod(port, accountKey);
  }

  /** The v2 root, like {@code https://api.runpod.io/v2}. */
  public URI baseUri() {
    return URI.create("http://" + LOOPBACK + ":" + server.getAddress().getPort() + "/v2");
  }

  public String accountKey() {
    return accountKey;
  }

  // --- knobs ---

  /** Creates on this GPU type fail with RunPod's capacity problem (400) and create nothing. */
  public synchronized FakeRunPod noCapacity(String gpuId) {
    noCapacity.add(gpuId);
    return this;
  }

  public synchronized FakeRunPod capacityBack(String gpuId) {
    noCapacity.remove(gpuId);
    return this;
  }

  /** The catalog lists this type with null prices, as RunPod does for types it cannot place. */
  public synchronized FakeRunPod unpriced(String gpuId) {
    unpriced.add(gpuId);
    return this;
  }

  /** The next {@code n} authenticated requests answer 429 with {@code Retry-After}. */
  public synchronized FakeRunPod rateLimitNext(int n, int retryAfterSeconds) {
    this.rateLimitLeft = n;
    this.retryAfterSeconds = retryAfterSeconds;
    return this;
  }

  /** The next {@code n} creates create the pod and then answer 500 (transformerlab#2305). */
  public synchronized FakeRunPod failCreateAfterCreating(int n) {
    this.phantomCreatesLeft = n;
    return this;
  }

  /** The next {@code n} authenticated requests answer {@code status} (a 5xx) and do nothing. */
  public synchronized FakeRunPod failNext(int n, int status) {
    this.failuresLeft = n;
    this.failureStatus = status;
    return this;
  }

  /**
   * Creates happen at once but are answered only after {@code delay}, so that a client with a
   * shorter read timeout loses the answer to a create that did happen.
   */
  public synchronized FakeRunPod answerCreatesAfter(Duration delay) {
    this.createAnswerDelay = delay;
    return this;
  }

  /** Created pods stay STARTING with no runtime (a bad host, an image that never comes up). */
  public synchronized FakeRunPod neverRunning(boolean never) {
    this.neverRunning = never;
    return this;
  }

  /** A new pod shows STARTING to its first {@code reads} reads (GET or list), then RUNNING. */
  public synchronized FakeRunPod startAfterReads(int reads) {
    this.readsWhileStarting = reads;
    this.startupDelay = null;
    return this;
  }

  /** A new pod becomes RUNNING after this delay, read or not (instead of counting reads). */
  public synchronized FakeRunPod startAfter(Duration delay) {
    this.startupDelay = delay;
    return this;
  }

  /** A create for {@code requestedId} gets {@code actualId} (the API says which it got). */
  public synchronized FakeRunPod substituteGpu(String requestedId, String actualId) {
    substitutes.put(requestedId, actualId);
    return this;
  }

  /** A RunPod secret, what {@code {{ RUNPOD_SECRET_name }}} resolves to inside containers. */
  public synchronized FakeRunPod secret(String name, String value) {
    secrets.put(name, value);
    return this;
  }

  /** Deletes every template, as an operator might in RunPod's console. */
  public synchronized FakeRunPod deleteTemplates() {
    templates.clear();
    return this;
  }

  public synchronized FakeRunPod containers(Containers containers) {
    this.containers = containers;
    return this;
  }

  /**
   * A running pod nobody created through the API, e.g. one leaked by a crashed server. No container
   * is started for it.
   */
  public synchronized RunPodPod seedPod(String name, String gpuId) {
    FakeGpuCatalog.Gpu gpu = gpuOrThrow(gpuId);
    FakePod pod = newPod(name, gpu, null, "seeded/image:latest", Map.of());
    pod.status = "RUNNING";
    pod.startedAt = pod.createdAt;
    pods.put(pod.id, pod);
    return pod.snapshot();
  }

  // --- what tests look at ---

  /** Pods RunPod would list (not terminated), without counting as reads. */
  public synchronized List<RunPodPod> pods() {
    return pods.values().stream().filter(p -> !p.terminated).map(FakePod::snapshot).toList();
  }

  public synchronized List<String> terminatedPodIds() {
    return pods.values().stream().filter(p -> p.terminated).map(p -> p.id).toList();
  }

  /** Pods actually created through the API, phantom ones included. */
  public synchronized int createCount() {
    return createCount;
  }

  /** The pod-scoped key RunPod injects as {@code RUNPOD_API_KEY} into this pod. */
  public synchronized String podKey(String podId) {
    FakePod pod = pods.get(podId);
    return pod == null ? null : pod.podKey;
  }

  /** Every request in the order it arrived, as {@code "GET /v2/pods"} (the query left off). */
  public List<String> requests() {
    return List.copyOf(arrivals);
  }

  /** Every answered request with its status, in the order answered. */
  public List<Request> requestLog() {
    return List.copyOf(answered);
  }

  /** The env a container of this pod gets (null if the pod is unknown or unresolvable). */
  public synchronized Map<String, String> containerEnv(String podId) {
    FakePod pod = pods.get(podId);
    return pod == null ? null : containerEnvOf(pod);
  }

  @Override
  public void close() {
    server.stop(0);
    httpThreads.shutdownNow();
    startupTimer.shutdownNow();
    List<Container> running = new ArrayList<>();
    synchronized (this) {
      for (FakePod pod : pods.values()) {
        if (pod.container != null) {
          running.add(pod.container);
          pod.container = null;
        }
      }
    }
    containerThread.shutdown();
    try {
      containerThread.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    running.forEach(Container::stop);
  }

  // --- HTTP ---

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getPath();
    arrivals.add(method + " " + path);
    Reply reply;
    try {
      String body = readBody(exchange.getRequestBody());
      reply = route(method, path, bearer(exchange), body);
    } catch (BadJson e) {
      reply = Reply.problem(400, "Bad Request", e.getMessage());
    } catch (RuntimeException e) {
      reply = Reply.problem(500, "Internal Server Error", SERVER_ERROR_DETAIL);
    }
    answered.add(new Request(method, path, reply.status()));
    send(exchange, reply);
  }

  private Reply route(String method, String path, String key, String body) {
    Caller caller;
    synchronized (this) {
      caller = caller(key);
      if (caller == null) {
        return Reply.problem(401, "Unauthorized", "missing or invalid API key");
      }
      if (rateLimitLeft > 0) {
        rateLimitLeft--;
        return Reply.problem(429, "Too Many Requests", "rate limit exceeded for the minute window")
            .header("Retry-After", String.valueOf(retryAfterSeconds));
      }
      if (failuresLeft > 0) {
        failuresLeft--;
        return Reply.problem(failureStatus, "Server Error", SERVER_ERROR_DETAIL);
      }
    }
    Matcher podPath = POD_PATH.matcher(path);
    if (podPath.matches()) {
      String podId = podPath.group(1);
      if (!caller.mayTouch(podId)) {
        return Reply.problem(403, "Forbidden", "this key has no access to pod " + podId);
      }
      boolean action = podPath.group(2) != null;
      if (action && method.equals("POST")) {
        return podAction(podId, caller, body);
      }
      if (!action && method.equals("GET")) {
        return getPod(podId);
      }
      if (!action && method.equals("DELETE")) {
        return terminate(podId);
      }
      return Reply.problem(405, "Method Not Allowed", method + " " + path);
    }
    if (caller.podId != null) {
      return Reply.problem(403, "Forbidden", "a pod-scoped key may only manage its own pod");
    }
    return switch (method + " " + path) {
      case "GET /v2/pods" -> listPods();
      case "POST /v2/pods" -> answerLate(createPod(json(body)));
      case "GET /v2/templates" -> listTemplates();
      case "POST /v2/templates" -> createTemplate(json(body));
      case "GET /v2/catalog/gpus" -> catalog();
      default -> Reply.problem(404, "Not Found", "no route " + method + " " + path);
    };
  }

  private Reply listPods() {
    List<Runnable> afterwards = new ArrayList<>();
    JsonArrayBuilder list = Json.createArrayBuilder();
    synchronized (this) {
      for (FakePod pod : pods.values()) {
        if (!pod.terminated) {
          read(pod, afterwards);
          list.add(pod.json());
        }
      }
    }
    afterwards.forEach(containerThread::execute);
    return Reply.json(200, Json.createObjectBuilder().add("pods", list).build());
  }

  private Reply getPod(String podId) {
    List<Runnable> afterwards = new ArrayList<>();
    JsonObject json;
    synchronized (this) {
      FakePod pod = pods.get(podId);
      if (pod == null || pod.terminated) {
        return podNotFound(podId);
      }
      read(pod, afterwards);
      json = pod.json();
    }
    afterwards.forEach(containerThread::execute);
    return Reply.json(200, json);
  }

  private Reply createPod(JsonObject req) {
    for (String field : req.keySet()) {
      if (!CREATE_POD_FIELDS.contains(field)) {
        return Reply.problem(400, "Bad Request", "unknown property: " + field);
      }
    }
    String name = string(req, "name");
    if (name == null || name.isBlank()) {
      return Reply.problem(422, "Unprocessable Entity", "name is required");
    }
    String templateId = string(req, "templateId");
    String image = string(req, "image");
    JsonObject gpuReq = req.get("gpu") instanceof JsonObject g ? g : null;
    if (gpuReq == null || string(gpuReq, "id") == null) {
      return Reply.problem(400, "Bad Request", "exactly one of gpu or cpu is required");
    }
    synchronized (this) {
      FakeTemplate template = templateId == null ? null : templates.get(templateId);
      if (templateId != null && template == null) {
        return Reply.problem(400, "Bad Request", "template " + templateId + " not found");
      }
      if (image == null && template == null) {
        return Reply.problem(400, "Bad Request", "image is required unless templateId is given");
      }
      String requested = string(gpuReq, "id");
      if (FakeGpuCatalog.byId(requested) == null) {
        return Reply.problem(400, "Bad Request", "unknown GPU type id: " + requested);
      }
      if (noCapacity.contains(requested)) {
        return Reply.problem(400, "Bad Request", CAPACITY_DETAIL);
      }
      FakeGpuCatalog.Gpu gpu = gpuOrThrow(substitutes.getOrDefault(requested, requested));
      Map<String, String> env = new LinkedHashMap<>();
      if (template != null) {
        env.putAll(template.env());
      }
      env.putAll(stringMap(req.get("env")));
      FakePod pod = newPod(name, gpu, templateId, image != null ? image : template.image(), env);
      pods.put(pod.id, pod);
      createCount++;
      scheduleStartup(pod);
      if (phantomCreatesLeft > 0) {
        phantomCreatesLeft--;
        return Reply.problem(500, "Internal Server Error", SERVER_ERROR_DETAIL);
      }
      return Reply.json(201, pod.json());
    }
  }

  private Reply answerLate(Reply reply) {
    Duration delay;
    synchronized (this) {
      delay = createAnswerDelay;
    }
    if (!delay.isZero()) {
      try {
        Thread.sleep(delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return reply;
  }

  private Reply podAction(String podId, Caller caller, String body) {
    String action = string(json(body), "action");
    if ("terminate".equals(action)) {
      return terminate(podId);
    }
    if (caller.podId != null && !"stop".equals(action)) {
      return Reply.problem(403, "Forbidden", "a pod-scoped key may only stop or terminate its pod");
    }
    List<Runnable> afterwards = new ArrayList<>();
    JsonObject json;
    synchronized (this) {
      FakePod pod = pods.get(podId);
      if (pod == null || pod.terminated) {
        return podNotFound(podId);
      }
      if (action == null || !pod.actions().contains(action)) {
        return Reply.problem(
            409, "Conflict", "action " + action + " is not allowed while the pod is " + pod.status);
      }
      switch (action) {
        case "stop" -> {
          pod.status = "EXITED";
          stopContainer(pod, afterwards);
        }
        case "start" -> {
          pod.status = "STARTING";
          pod.reads = 0;
          scheduleStartup(pod);
        }
        case "restart" -> {
          stopContainer(pod, afterwards);
          becomeRunning(pod, afterwards);
        }
        default -> throw new IllegalStateException(action);
      }
      json = pod.json();
    }
    afterwards.forEach(containerThread::execute);
    return Reply.json(200, json);
  }

  /** Terminate: the pod is gone from the list and answers 404 from now on. */
  private Reply terminate(String podId) {
    List<Runnable> afterwards = new ArrayList<>();
    synchronized (this) {
      FakePod pod = pods.get(podId);
      if (pod == null || pod.terminated) {
        return podNotFound(podId);
      }
      pod.terminated = true;
      pod.status = "TERMINATED";
      stopContainer(pod, afterwards);
    }
    afterwards.forEach(containerThread::execute);
    return Reply.empty(204);
  }

  private synchronized Reply listTemplates() {
    JsonArrayBuilder list = Json.createArrayBuilder();
    templates.values().forEach(t -> list.add(t.json()));
    return Reply.json(200, Json.createObjectBuilder().add("templates", list).build());
  }

  private synchronized Reply createTemplate(JsonObject req) {
    String name = string(req, "name");
    String image = string(req, "image");
    if (name == null || image == null) {
      return Reply.problem(422, "Unprocessable Entity", "name and image are required");
    }
    if (templates.values().stream().anyMatch(t -> t.name().equals(name))) {
      return Reply.problem(400, "Bad Request", "template name must be unique: " + name);
    }
    JsonValue args = req.get("args");
    FakeTemplate template =
        new FakeTemplate(
            randomId(),
            name,
            image,
            args instanceof JsonString s ? s.getString() : args == null ? null : args.toString(),
            req.containsKey("disk") ? req.getInt("disk") : 50,
            req.get("ports") instanceof JsonArray ports
                ? ports.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : List.of(),
            stringMap(req.get("env")));
    templates.put(template.id(), template);
    return Reply.json(201, template.json());
  }

  private synchronized Reply catalog() {
    JsonArrayBuilder gpus = Json.createArrayBuilder();
    for (FakeGpuCatalog.Gpu gpu : FakeGpuCatalog.SEED) {
      boolean priced = !unpriced.contains(gpu.id());
      JsonObjectBuilder price = Json.createObjectBuilder();
      addPrice(price, "secure", priced ? gpu.securePrice() : null);
      addPrice(price, "community", priced ? gpu.communityPrice() : null);
      gpus.add(
          Json.createObjectBuilder()
              .add("id", gpu.id())
              .add("displayName", gpu.displayName())
              .add("manufacturer", "NVIDIA")
              .add("memory", gpu.memoryGb())
              .add("maxCount", 8)
              .add("price", price)
              .add(
                  "availability",
                  noCapacity.contains(gpu.id()) || !priced ? "NONE" : gpu.availability()));
    }
    return Reply.json(200, Json.createObjectBuilder().add("gpus", gpus).build());
  }

  private static void addPrice(JsonObjectBuilder price, String key, Double value) {
    if (value == null) {
      price.addNull(key);
    } else {
      price.add(key, value);
    }
  }

  // --- pod life, under the lock; container calls are handed back to run outside it ---

  private void read(FakePod pod, List<Runnable> afterwards) {
    pod.reads++;
    if ("STARTING".equals(pod.status)
        && !neverRunning
        && startupDelay == null
        && pod.reads > readsWhileStarting) {
      becomeRunning(pod, afterwards);
    }
  }

  private void scheduleStartup(FakePod pod) {
    if (startupDelay != null && !neverRunning) {
      startupTimer.schedule(
          () -> {
            List<Runnable> afterwards = new ArrayList<>();
            synchronized (this) {
              if ("STARTING".equals(pod.status) && !pod.terminated) {
                becomeRunning(pod, afterwards);
              }
            }
            afterwards.forEach(containerThread::execute);
          },
          startupDelay.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private void becomeRunning(FakePod pod, List<Runnable> afterwards) {
    Map<String, String> env = containerEnvOf(pod);
    if (env == null) {
      // a referenced secret that does not exist: the deployment fails (runpod-api.md §4, §7.17)
      pod.status = "ERROR";
      return;
    }
    pod.status = "RUNNING";
    pod.startedAt = Instant.now();
    Containers hook = containers;
    if (hook != null) {
      RunPodPod snapshot = pod.snapshot();
      afterwards.add(
          () -> {
            Container started = hook.start(snapshot, env);
            boolean stale;
            synchronized (this) {
              stale = pod.terminated || !pod.running();
              if (!stale) {
                pod.container = started;
              }
            }
            if (stale && started != null) {
              started.stop();
            }
          });
    }
  }

  private void stopContainer(FakePod pod, List<Runnable> afterwards) {
    // queued behind any pending start on the same thread, so a start is never missed
    afterwards.add(
        () -> {
          Container c;
          synchronized (this) {
            c = pod.container;
            pod.container = null;
          }
          if (c != null) {
            c.stop();
          }
        });
  }

  /** Template env under body env, secrets resolved, RunPod's own variables injected. */
  private Map<String, String> containerEnvOf(FakePod pod) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : pod.env.entrySet()) {
      String resolved = resolveSecrets(e.getValue());
      if (resolved == null) {
        return null;
      }
      env.put(e.getKey(), resolved);
    }
    env.put("RUNPOD_POD_ID", pod.id);
    env.put("RUNPOD_API_KEY", pod.podKey);
    env.put("RUNPOD_GPU_COUNT", "1");
    env.put("RUNPOD_PUBLIC_IP", LOOPBACK);
    env.put("RUNPOD_TCP_PORT_22", String.valueOf(pod.sshPort));
    env.put("RUNPOD_DC_ID", "EU-RO-1");
    env.put("RUNPOD_POD_HOSTNAME", pod.id + "-" + Integer.toHexString(pod.sshPort));
    env.put("PUBLIC_KEY", "");
    return env;
  }

  private String resolveSecrets(String value) {
    Matcher m = SECRET_REF.matcher(value);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String secret = secrets.get(m.group(1));
      if (secret == null) {
        return null;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(secret));
    }
    m.appendTail(out);
    return out.toString();
  }

  private FakePod newPod(
      String name,
      FakeGpuCatalog.Gpu gpu,
      String templateId,
      String image,
      Map<String, String> env) {
    return new FakePod(
        randomId(),
        name,
        gpu,
        templateId,
        image,
        env,
        "rpa_POD" + randomId().toUpperCase(),
        Instant.now(),
        10000 + random.nextInt(50000));
  }

  private static FakeGpuCatalog.Gpu gpuOrThrow(String gpuId) {
    FakeGpuCatalog.Gpu gpu = FakeGpuCatalog.byId(gpuId);
    if (gpu == null) {
      throw new IllegalArgumentException("not in the fake's catalog: " + gpuId);
    }
    return gpu;
  }

  private static Reply podNotFound(String podId) {
    return Reply.problem(404, "Not Found", "pod not found: " + podId);
  }

  /** 14 lowercase alphanumerics, like RunPod's pod ids. */
  private String randomId() {
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    StringBuilder id = new StringBuilder(14);
    for (int i = 0; i < 14; i++) {
      id.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return id.toString();
  }

  // --- auth ---

  /** Who is calling: the account (podId null) or one pod through its pod-scoped key. */
  private record Caller(String podId) {
    boolean mayTouch(String id) {
      return podId == null || podId.equals(id);
    }
  }

  private Caller caller(String key) {
    if (key == null) {
      return null;
    }
    if (key.equals(accountKey)) {
      return new Caller(null);
    }
    for (FakePod pod : pods.values()) {
      if (key.equals(pod.podKey)) {
        return new Caller(pod.id);
      }
    }
    return null;
  }

  private static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return header.substring(7).trim();
  }

  // --- wire ---

  private static final class BadJson extends RuntimeException {
    BadJson(String message) {
      super(message);
    }
  }

  private static JsonObject json(String body) {
    if (body == null || body.isBlank()) {
      throw new BadJson("a JSON body is required");
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readObject();
    } catch (RuntimeException e) {
      throw new BadJson("the body is not a JSON object");
    }
  }

  private static String string(JsonObject o, String key) {
    return o.get(key) instanceof JsonString s ? s.getString() : null;
  }

  private static Map<String, String> stringMap(JsonValue value) {
    Map<String, String> map = new LinkedHashMap<>();
    if (value instanceof JsonObject o) {
      o.forEach((k, v) -> map.put(k, v instanceof JsonString s ? s.getString() : v.toString()));
    }
    return map;
  }

  private static String readBody(InputStream in) throws IOException {
    byte[] bytes = in.readNBytes(1 << 20);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private void send(HttpExchange exchange, Reply reply) throws IOException {
    try (exchange) {
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
      exchange.getResponseHeaders().set("RateLimit-Policy", "\"minute\";q=60;w=60");
      if (reply.body() == null) {
        exchange.sendResponseHeaders(reply.status(), -1);
      } else {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        exchange.getResponseBody().write(bytes);
      }
    }
  }

  private record Reply(int status, String contentType, String body, Map<String, String> headers) {
    static Reply json(int status, JsonObject body) {
      return new Reply(status, "application/json", body.toString(), new HashMap<>());
    }

    static Reply empty(int status) {
      return new Reply(status, null, null, new HashMap<>());
    }

    /** RFC 9457, as v2 answers every error. */
    static Reply problem(int status, String title, String detail) {
      JsonObject problem =
          Json.createObjectBuilder()
              .add("title", title)
              .add("status", status)
              .add("detail", detail)
              .build();
      return new Reply(status, "application/problem+json", problem.toString(), new HashMap<>());
    }

    Reply header(String name, String value) {
      headers.put(name, value);
      return this;
    }
  }
}
