package dev.cast2md.pods.control;

import dev.cast2md.nodes.control.NodeRepository;
import dev.cast2md.nodes.entity.Node;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.pods.entity.ProvidedPod;
import dev.cast2md.pods.entity.SetupPhase;
import dev.cast2md.pods.entity.SetupState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * The reaper, run on a schedule: moves pods through their start-up by what the provider reports and
 * ends every pod that is costing money without anyone watching it — stuck in start-up or setup,
 * failed, its worker silent or unhealthy beyond the grace, persistent past its maximum lifetime,
 * the provider switched off, or carrying our name while the database does not know it. Absence from
 * the provider's listing is only believed when the listing itself succeeded.
 */
public class PodSweep {
  private static final Logger LOG = Logger.getLogger(PodSweep.class.getName());

  private final Database db;
  private final PodLifecycle lifecycle;
  private final Clock clock;
  private volatile boolean pendingSwitchOffCheck = true;

  private final WorkerHealthProbe probe;

  public PodSweep(Database db, PodLifecycle lifecycle, Clock clock, WorkerHealthProbe probe) {
    this.db = db;
    this.lifecycle = lifecycle;
    this.clock = clock;
    this.probe = probe;
  }

  public void sweep() {
    PodPolicy policy = lifecycle.policy();
    PodProvider provider = lifecycle.provider();
    List<SetupState> states = lifecycle.states();
    boolean switchedOff = !policy.enabled() && !LocalPodProvider.NAME.equals(provider.name());
    if (switchedOff) {
      if (states.isEmpty() && !pendingSwitchOffCheck) {
        return; // nothing of ours to end: leave the provider's API alone
      }
      for (SetupState s : states) {
        lifecycle.terminateInstance(s.instanceId(), "RunPod was switched off");
      }
      // one more listing after the switch-off, for pods of ours that no state knows
      pendingSwitchOffCheck = !states.isEmpty();
      listing(provider).ifPresent(pods -> reapLeaked(lifecycle.states(), pods.values()));
      return;
    }
    pendingSwitchOffCheck = true;
    Optional<Map<String, ProvidedPod>> listed = listing(provider);
    Instant now = clock.instant();
    for (SetupState s : states) {
      if (!lifecycle.building(s.instanceId())) {
        judge(s, policy, listed, now);
      }
    }
    listed.ifPresent(pods -> reapLeaked(states, pods.values()));
  }

  private Optional<Map<String, ProvidedPod>> listing(PodProvider provider) {
    try {
      return Optional.of(
          provider.list().stream()
              .collect(Collectors.toMap(ProvidedPod::id, Function.identity(), (a, b) -> a)));
    } catch (RuntimeException e) {
      LOG.warning("event=pod-list-failed " + e.getMessage());
      return Optional.empty();
    }
  }

  private void judge(
      SetupState s, PodPolicy policy, Optional<Map<String, ProvidedPod>> listed, Instant now) {
    String id = s.instanceId();
    Optional<ProvidedPod> pod =
        s.podId() == null ? Optional.empty() : listed.map(m -> m.get(s.podId()));
    boolean gone = s.podId() != null && listed.isPresent() && pod.isEmpty();
    switch (s.phase()) {
      case CREATING -> resumeCreation(s, listed);
      case FAILED -> {
        lifecycle.setupFailed();
        lifecycle.terminateInstance(
            id, "setup failed: " + (s.error() == null ? s.message() : s.error()));
      }
      default -> {
        if (gone) {
          lifecycle.forget(id, "pod no longer exists at the provider");
          LOG.info("event=pod-gone instance=" + id + " pod=" + s.podId());
          return;
        }
        if (s.phase() == SetupPhase.STARTING) {
          starting(s, pod, policy, now);
        } else if (s.phase().settingUp()) {
          settingUp(s, policy, now);
        } else {
          ready(s, policy, now);
        }
      }
    }
  }

  /** A creation whose thread is gone (server restart): adopt the pod by name, or forget it. */
  private void resumeCreation(SetupState s, Optional<Map<String, ProvidedPod>> listed) {
    if (listed.isEmpty()) {
      return;
    }
    Optional<ProvidedPod> byName =
        listed.get().values().stream().filter(p -> s.podName().equals(p.name())).findFirst();
    if (byName.isPresent()) {
      lifecycle.adopt(s.instanceId(), byName.get(), byName.get().costPerHr());
      LOG.info("event=pod-adopted instance=" + s.instanceId() + " pod=" + byName.get().id());
    } else {
      lifecycle.forget(s.instanceId(), "creation interrupted before a pod existed");
    }
  }

  private void starting(SetupState s, Optional<ProvidedPod> pod, PodPolicy policy, Instant now) {
    if (pod.isPresent() && pod.get().status() == ProvidedPod.Status.RUNNING) {
      db.inTransaction(
          c -> {
            SetupStates.running(c, s.instanceId(), now);
            return null;
          });
      return;
    }
    if (pod.isPresent() && pod.get().status() == ProvidedPod.Status.EXITED) {
      lifecycle.setupFailed();
      lifecycle.terminateInstance(s.instanceId(), "pod failed to start (exited)");
      return;
    }
    if (older(s.startedAt(), policy.startTimeout(), now)) {
      lifecycle.setupFailed();
      lifecycle.terminateInstance(
          s.instanceId(),
          "Timeout waiting for pod to be running (" + policy.startTimeout().toMinutes() + " min)");
    }
  }

  private void settingUp(SetupState s, PodPolicy policy, Instant now) {
    Optional<Node> node = boundNode(s.instanceId());
    if (node.isPresent()) {
      // the worker registered with the pod's token: whatever the script said, it is working
      db.inTransaction(
          c -> {
            SetupStates.phase(
                c, s.instanceId(), SetupPhase.READY, "Worker registered", null, null, now);
            return null;
          });
      lifecycle.setupSucceeded();
      return;
    }
    if (older(s.startedAt(), policy.setupTimeout(), now)) {
      lifecycle.setupFailed();
      lifecycle.terminateInstance(
          s.instanceId(),
          "Setup timed out ("
              + policy.setupTimeout().toMinutes()
              + " min) - pod did not report ready");
    }
  }

  private void ready(SetupState s, PodPolicy policy, Instant now) {
    Duration grace = policy.healthGrace();
    if (s.persistent() && older(s.startedAt(), policy.maxLifetime(), now)) {
      lifecycle.terminateInstance(
          s.instanceId(), "maximum lifetime of " + policy.maxLifetime().toHours() + " h reached");
      return;
    }
    Optional<Node> node = boundNode(s.instanceId());
    if (node.isEmpty()) {
      Instant since = s.readyAt() == null ? s.updatedAt() : s.readyAt();
      if (older(since, grace, now)) {
        lifecycle.terminateInstance(s.instanceId(), "no worker registered for this pod");
      }
      return;
    }
    lifecycle.setupSucceeded();
    String nodeId = node.get().id();
    Optional<String> polled = probe.status(s.hostIp());
    if (polled.isPresent()) {
      db.inTransaction(
          c -> {
            NodeRepository.recordHealth(c, nodeId, polled.get(), "polled /health", now);
            return null;
          });
    }
    Node n = polled.isEmpty() ? node.get() : boundNode(s.instanceId()).orElse(node.get());
    Instant heard = n.lastHeartbeat() == null ? n.createdAt() : n.lastHeartbeat();
    if (older(heard, grace, now)) {
      lifecycle.terminateInstance(
          s.instanceId(), "worker silent for more than " + grace.toSeconds() + " s");
      return;
    }
    if ("DOWN".equals(n.healthStatus())
        && n.healthSince() != null
        && older(n.healthSince(), grace, now)) {
      lifecycle.terminateInstance(
          s.instanceId(), "worker reported DOWN for more than " + grace.toSeconds() + " s");
    }
  }

  private Optional<Node> boundNode(String instanceId) {
    return db.inTransaction(c -> NodeRepository.byPodInstance(c, instanceId)).stream().findFirst();
  }

  /** Pods with our name that no state knows: left by a crash, or by someone else's mistake. */
  private void reapLeaked(List<SetupState> states, Iterable<ProvidedPod> pods) {
    Set<String> known = new HashSet<>();
    for (SetupState s : states) {
      known.add(s.podName());
      if (s.podId() != null) {
        known.add(s.podId());
      }
    }
    for (ProvidedPod p : pods) {
      if (!PodNames.ours(p.name()) || known.contains(p.name()) || known.contains(p.id())) {
        continue;
      }
      // a state created after the snapshot above is not a leak
      boolean nowKnown =
          db.inTransaction(
              c ->
                  Sql.count(
                          c,
                          "SELECT COUNT(*) FROM pod_setup_state WHERE pod_name = ? OR pod_id = ?",
                          p.name(),
                          p.id())
                      > 0);
      if (!nowKnown) {
        LOG.warning("event=pod-leaked pod=" + p.id() + " name=" + p.name());
        lifecycle.terminatePod(p.id(), "leaked: not known to this server");
      }
    }
  }

  private static boolean older(Instant since, Duration limit, Instant now) {
    return since != null && since.plus(limit).isBefore(now);
  }
}
