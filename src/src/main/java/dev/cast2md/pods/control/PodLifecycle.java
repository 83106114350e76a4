package dev.cast2md.pods.control;

import dev.cast2md.nodes.control.ManagedPods;
import dev.cast2md.nodes.control.NodeAdmin;
import dev.cast2md.nodes.control.NodeKeys;
import dev.cast2md.nodes.control.NodeRepository;
import dev.cast2md.nodes.entity.Node;
import dev.cast2md.platform.control.Database;
import dev.cast2md.pods.entity.GpuOffer;
import dev.cast2md.pods.entity.PodLaunch;
import dev.cast2md.pods.entity.ProvidedPod;
import dev.cast2md.pods.entity.SetupPhase;
import dev.cast2md.pods.entity.SetupState;
import dev.cast2md.protocol.TerminationResponse;
import dev.cast2md.settings.control.Settings;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A pod's life as the server drives it: the create request (instance id, setup token and state
 * persisted before anything is asked of the provider), creation in the background with GPU
 * fallback, the pod's own setup reports, and every way of ending it. Each end goes through {@link
 * #terminateInstance}: jobs back to the queue, pod terminated, cost record closed, state and node
 * removed.
 */
public class PodLifecycle implements ManagedPods {
  private static final Logger LOG = Logger.getLogger(PodLifecycle.class.getName());

  private final Database db;
  private final Settings settings;
  private final PodProvider provider;
  private final NodeAdmin nodes;
  private final Clock clock;
  private final Executor executor;
  private final Set<String> building = ConcurrentHashMap.newKeySet();
  private volatile Instant lastPodEnd = Instant.EPOCH;
  private volatile int failureStreak;
  private volatile Instant lastFailure = Instant.EPOCH;

  public PodLifecycle(
      Database db,
      Settings settings,
      PodProvider provider,
      NodeAdmin nodes,
      Clock clock,
      Executor executor) {
    this.db = db;
    this.settings = settings;
    this.provider = provider;
    this.nodes = nodes;
    this.clock = clock;
    this.executor = executor;
  }

  /** The answer to a create request: the id to follow, never the token. */
  public record Created(String instanceId, String message) {}

  public PodProvider provider() {
    return provider;
  }

  public PodPolicy policy() {
    return PodPolicy.from(settings, provider.name());
  }

  /** Why a pod cannot be created now, or empty when it can. */
  public Optional<String> refusal(PodPolicy policy) {
    if (!policy.enabled()) {
      return Optional.of(
          LocalPodProvider.NAME.equals(provider.name())
              ? "Local workers are disabled (LOCAL_WORKERS=0)"
              : "RunPod not enabled (setting RUNPOD_ENABLED)");
    }
    if (provider instanceof LocalPodProvider local && !local.canLaunch()) {
      return Optional.of(
          "No worker to run: set CAST2MD_WORKER_JAR or build it (./mvnw -pl worker -am package)");
    }
    if (!LocalPodProvider.NAME.equals(provider.name())) {
      if (policy.serverUrl().isEmpty()) {
        return Optional.of(
            "RUNPOD_SERVER_URL is not set: pods need an address to reach this server");
      }
      if (!policy.serverIp().isEmpty() && !isIpLiteral(policy.serverIp())) {
        return Optional.of("Invalid server IP: " + policy.serverIp());
      }
    }
    int active = activeCount();
    if (active >= policy.maxPods()) {
      return Optional.of(
          "Max pods (" + policy.maxPods() + ") reached (" + active + " running or starting)");
    }
    return Optional.empty();
  }

  /** Pods that cost money or soon will: every state the server still holds. */
  public int activeCount() {
    return states().size();
  }

  public List<SetupState> states() {
    return db.inTransaction(c -> SetupStates.list(c, provider.name()));
  }

  public Optional<SetupState> state(String instanceId) {
    return db.inTransaction(c -> SetupStates.find(c, instanceId));
  }

  /**
   * Records the pod and starts creating it in the background. Throws {@link PodRefusedException}
   * with the reason when settings or the cap do not allow another pod.
   */
  public Created create(boolean persistent, boolean autoScaled) {
    return create(persistent, autoScaled, null);
  }

  /**
   * As {@link #create(boolean, boolean)}, for a pod that runs {@code model} instead of the
   * configured one (null or blank: the configured one).
   */
  public synchronized Created create(boolean persistent, boolean autoScaled, String model) {
    PodPolicy policy = policy().withModel(model);
    if (!autoScaled) {
      failureStreak = 0; // an operator asking for a pod also asks to try again
    }
    Optional<String> refusal = refusal(policy);
    if (refusal.isPresent()) {
      throw new PodRefusedException(refusal.get());
    }
    Instant now = clock.instant();
    String token = NodeKeys.newSecret();
    String instanceId = insertState(policy, persistent, autoScaled, token, now);
    building.add(instanceId);
    String serverUrl = LocalPodProvider.NAME.equals(provider.name()) ? "" : policy.serverUrl();
    Map<String, String> env = PodEnvironment.of(policy, instanceId, token, serverUrl, persistent);
    try {
      executor.execute(() -> build(instanceId, env, policy));
    } catch (RejectedExecutionException e) {
      building.remove(instanceId);
      db.inTransaction(c -> SetupStates.delete(c, instanceId));
      throw new PodRefusedException("Server is shutting down");
    }
    LOG.info(
        "event=pod-create instance="
            + instanceId
            + " provider="
            + provider.name()
            + " persistent="
            + persistent
            + " auto="
            + autoScaled);
    return new Created(
        instanceId,
        "Pod creation started in "
            + (persistent ? "dev mode (persistent)" : "production mode")
            + ". Track progress with GET /api/runpod/pods/"
            + instanceId
            + "/setup-status");
  }

  private String insertState(
      PodPolicy policy, boolean persistent, boolean autoScaled, String token, Instant now) {
    for (int attempt = 0; ; attempt++) {
      String instanceId = PodNames.newInstanceId();
      try {
        return db.inTransaction(
            c -> {
              if (SetupStates.find(c, instanceId).isPresent()) {
                throw new IllegalStateException("instance id taken");
              }
              SetupStates.insert(
                  c,
                  new SetupState(
                      instanceId,
                      provider.name(),
                      null,
                      PodNames.podName(instanceId),
                      policy.tsHostname() + "-" + instanceId,
                      PodNames.nodeName(instanceId),
                      "",
                      policy.model(),
                      SetupPhase.CREATING,
                      "Starting pod creation...",
                      null,
                      null,
                      persistent,
                      autoScaled,
                      now,
                      null,
                      null,
                      now),
                  NodeKeys.hash(token));
              return instanceId;
            });
      } catch (IllegalStateException e) {
        if (attempt >= 5) {
          throw e;
        }
      }
    }
  }

  /** True while this server is still creating the pod (its thread would otherwise look lost). */
  public boolean building(String instanceId) {
    return building.contains(instanceId);
  }

  private void build(String instanceId, Map<String, String> env, PodPolicy policy) {
    try {
      List<GpuOffer> catalog = catalog();
      GpuSelection selection = new GpuSelection(policy.blockedGpus());
      List<String> candidates =
          LocalPodProvider.NAME.equals(provider.name())
              ? List.of(LocalPodProvider.GPU)
              : selection.candidates(policy.gpuType(), catalog);
      String lastError = "no GPU type to try";
      for (String gpu : candidates) {
        if (state(instanceId).isEmpty()) {
          LOG.info("event=pod-create-cancelled instance=" + instanceId);
          return;
        }
        message(instanceId, "Creating pod on " + gpu + "...");
        ProvidedPod pod;
        try {
          pod = provider.create(new PodLaunch(PodNames.podName(instanceId), gpu, env));
        } catch (PodProviderException e) {
          if (e.kind() == PodProviderException.Kind.CAPACITY) {
            lastError = e.getMessage();
            LOG.info("event=pod-gpu-unavailable instance=" + instanceId + " gpu=" + gpu);
            continue;
          }
          throw e;
        }
        if (selection.blocked(pod.gpuId(), pod.gpuDisplayName())) {
          LOG.warning(
              "event=pod-gpu-blocked instance="
                  + instanceId
                  + " got="
                  + pod.gpuId()
                  + "/"
                  + pod.gpuDisplayName());
          provider.terminate(pod.id());
          lastError = "allocated a blocked GPU (" + pod.gpuDisplayName() + ")";
          continue;
        }
        adopt(instanceId, pod, price(pod, catalog));
        return;
      }
      fail(instanceId, "No GPU available. Last error: " + lastError);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "event=pod-create-failed instance=" + instanceId, e);
      fail(instanceId, e.getMessage() == null ? e.toString() : e.getMessage());
    } finally {
      building.remove(instanceId);
    }
  }

  private List<GpuOffer> catalog() {
    try {
      return provider.gpuTypes();
    } catch (RuntimeException e) {
      LOG.warning("event=gpu-catalog-unavailable " + e.getMessage());
      return List.of();
    }
  }

  private static Double price(ProvidedPod pod, List<GpuOffer> catalog) {
    if (pod.costPerHr() != null && pod.costPerHr() > 0) {
      return pod.costPerHr();
    }
    return catalog.stream()
        .filter(g -> g.id().equals(pod.gpuId()))
        .map(GpuOffer::priceHr)
        .findFirst()
        .orElse(null);
  }

  /** Binds a created pod to its state; a pod whose state was removed meanwhile is ended. */
  void adopt(String instanceId, ProvidedPod pod, Double priceHr) {
    Instant now = clock.instant();
    boolean kept =
        db.inTransaction(
            c -> {
              Optional<SetupState> s = SetupStates.lock(c, instanceId);
              if (s.isEmpty()) {
                return false;
              }
              SetupStates.podCreated(c, instanceId, pod.id(), pod.gpuId(), now);
              if (PodRuns.current(c, instanceId).isEmpty()) {
                PodRuns.open(
                    c,
                    instanceId,
                    provider.name(),
                    pod.id(),
                    pod.name(),
                    pod.gpuId(),
                    priceHr,
                    s.get().startedAt(),
                    now);
              }
              return true;
            });
    if (!kept) {
      LOG.info("event=pod-create-cancelled instance=" + instanceId + " pod=" + pod.id());
      provider.terminate(pod.id());
      return;
    }
    LOG.info(
        "event=pod-created instance="
            + instanceId
            + " pod="
            + pod.id()
            + " gpu="
            + pod.gpuId()
            + " price_hr="
            + priceHr);
  }

  private void message(String instanceId, String message) {
    db.inTransaction(
        c -> {
          Optional<SetupState> s = SetupStates.lock(c, instanceId);
          if (s.isPresent()) {
            SetupStates.phase(c, instanceId, s.get().phase(), message, null, null, clock.instant());
          }
          return null;
        });
  }

  /** Marks the pod failed; the sweep terminates it (a failed pod must not keep billing). */
  public void fail(String instanceId, String error) {
    db.inTransaction(
        c -> {
          if (SetupStates.lock(c, instanceId).isPresent()) {
            SetupStates.phase(
                c, instanceId, SetupPhase.FAILED, "Setup failed", error, null, clock.instant());
          }
          return null;
        });
    LOG.warning("event=pod-failed instance=" + instanceId + " error=" + error);
  }

  /**
   * A report from the pod's start-up script or worker. Checked against the token; the phase must be
   * one a pod may report. Answers how it went so the boundary can map it.
   */
  public ProgressOutcome setupProgress(
      String instanceId, String token, String phase, String message, String error, String hostIp) {
    if (token == null || token.isBlank()) {
      return ProgressOutcome.MISSING_TOKEN;
    }
    Optional<SetupPhase> reported = SetupPhase.reportable(phase);
    return db.inTransaction(
        c -> {
          Optional<SetupState> s = SetupStates.lock(c, instanceId);
          if (s.isEmpty()) {
            return ProgressOutcome.UNKNOWN_INSTANCE;
          }
          Optional<String> hash = SetupStates.tokenHash(c, instanceId);
          if (hash.isEmpty() || hash.get() == null || !NodeKeys.matches(token, hash.get())) {
            return ProgressOutcome.BAD_TOKEN;
          }
          if (reported.isEmpty()) {
            return ProgressOutcome.BAD_PHASE;
          }
          SetupPhase next = reported.get();
          if (s.get().phase() == SetupPhase.FAILED && next != SetupPhase.FAILED) {
            // a failed pod is on its way out; a late "installing" must not revive it
            return ProgressOutcome.OK;
          }
          if (s.get().phase() == SetupPhase.READY && next.settingUp()) {
            return ProgressOutcome.OK;
          }
          SetupStates.phase(
              c,
              instanceId,
              next,
              message,
              next == SetupPhase.FAILED ? (error == null ? "Pod reported failure" : error) : null,
              blankToNull(hostIp),
              clock.instant());
          return ProgressOutcome.OK;
        });
  }

  /** How a setup report was taken. */
  public enum ProgressOutcome {
    OK,
    MISSING_TOKEN,
    UNKNOWN_INSTANCE,
    BAD_TOKEN,
    BAD_PHASE
  }

  public boolean setPersistent(String instanceId, boolean persistent) {
    return db.inTransaction(
        c -> {
          if (SetupStates.find(c, instanceId).isEmpty()) {
            return false;
          }
          SetupStates.persistent(c, instanceId, persistent, clock.instant());
          return true;
        });
  }

  /**
   * Ends a pod the server knows: its node's jobs go back to the queue, the provider terminates it,
   * the cost record closes, state and node are removed. When the provider cannot be reached the
   * state stays, so the sweep tries again; answers whether the pod is gone.
   */
  public boolean terminateInstance(String instanceId, String reason) {
    Optional<SetupState> state = state(instanceId);
    if (state.isEmpty()) {
      return false;
    }
    String podId = state.get().podId();
    if (podId != null) {
      try {
        provider.terminate(podId);
      } catch (RuntimeException e) {
        LOG.warning(
            "event=pod-terminate-failed instance="
                + instanceId
                + " pod="
                + podId
                + " reason="
                + reason
                + " error="
                + e.getMessage());
        return false;
      }
    }
    forget(instanceId, reason);
    LOG.info("event=pod-terminated instance=" + instanceId + " pod=" + podId + " reason=" + reason);
    return true;
  }

  /** The node's own request, after its jobs went back to the queue. */
  @Override
  public TerminationResponse terminate(String podInstanceId, String nodeId) {
    if (state(podInstanceId).isEmpty()) {
      return new TerminationResponse("not_found", "No pod state for this node's instance", false);
    }
    return terminateInstance(podInstanceId, "worker requested termination (node " + nodeId + ")")
        ? new TerminationResponse("terminated", "Pod terminated", true)
        : new TerminationResponse(
            "failed", "Pod could not be terminated now; the server retries", false);
  }

  @Override
  public void jobCompleted(java.sql.Connection c, String podInstanceId, double audioSeconds)
      throws java.sql.SQLException {
    PodRuns.jobDone(c, podInstanceId, audioSeconds);
  }

  /** When a pod last ended, so that scaling does not start one in the same breath. */
  public Instant lastPodEnd() {
    return lastPodEnd;
  }

  /** Pods that failed setup in a row, since the last one that became ready. */
  public int failureStreak() {
    return failureStreak;
  }

  public Instant lastFailure() {
    return lastFailure;
  }

  void setupSucceeded() {
    failureStreak = 0;
  }

  void setupFailed() {
    failureStreak++;
    lastFailure = clock.instant();
  }

  /** Removes what the server holds about a pod that no longer exists. */
  void forget(String instanceId, String reason) {
    lastPodEnd = clock.instant();
    List<Node> bound = db.inTransaction(c -> NodeRepository.byPodInstance(c, instanceId));
    for (Node n : bound) {
      nodes.delete(n.id());
    }
    db.inTransaction(
        c -> {
          PodRuns.close(c, instanceId, reason, clock.instant());
          SetupStates.delete(c, instanceId);
          return null;
        });
  }

  /** Ends a pod by provider id, ours by state or not (a leaked one). */
  public boolean terminatePod(String podId, String reason) {
    Optional<SetupState> state = db.inTransaction(c -> SetupStates.findByPodId(c, podId));
    if (state.isPresent()) {
      return terminateInstance(state.get().instanceId(), reason);
    }
    try {
      provider.terminate(podId);
      LOG.info("event=pod-terminated pod=" + podId + " reason=" + reason);
      return true;
    } catch (RuntimeException e) {
      LOG.warning("event=pod-terminate-failed pod=" + podId + " error=" + e.getMessage());
      return false;
    }
  }

  /** Every pod of ours: the known ones with their records, then whatever else carries our name. */
  public int terminateAll(String reason) {
    int n = 0;
    for (SetupState s : states()) {
      if (terminateInstance(s.instanceId(), reason)) {
        n++;
      }
    }
    try {
      for (ProvidedPod p : provider.list()) {
        if (PodNames.ours(p.name()) && terminatePod(p.id(), reason)) {
          n++;
        }
      }
    } catch (RuntimeException e) {
      LOG.warning("event=pod-list-failed " + e.getMessage());
    }
    return n;
  }

  private static boolean isIpLiteral(String ip) {
    if (!ip.matches("[0-9.]+") && !ip.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(ip); // a literal is parsed, never resolved
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
