package dev.cast2md.pods.boundary;

import dev.cast2md.nodes.control.NodeAdmin;
import dev.cast2md.nodes.entity.Node;
import dev.cast2md.nodes.entity.NodeStatus;
import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.platform.control.Database;
import dev.cast2md.pods.boundary.PodViews.PodView;
import dev.cast2md.pods.boundary.PodViews.RunView;
import dev.cast2md.pods.boundary.PodViews.SetupStateView;
import dev.cast2md.pods.control.Autoscaler;
import dev.cast2md.pods.control.LocalPodProvider;
import dev.cast2md.pods.control.ModelCatalog;
import dev.cast2md.pods.control.PodCosts;
import dev.cast2md.pods.control.PodLifecycle;
import dev.cast2md.pods.control.PodPolicy;
import dev.cast2md.pods.control.PodRefusedException;
import dev.cast2md.pods.entity.GpuOffer;
import dev.cast2md.pods.entity.ProvidedPod;
import dev.cast2md.pods.entity.SetupPhase;
import dev.cast2md.pods.entity.SetupState;
import dev.cast2md.protocol.NodeHeaders;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The seed's {@code /api/runpod} paths. Pods come from the configured provider; without a RunPod
 * key every pod operation answers 503 with what to set, while status, models, GPU types and the
 * pods' own setup reports keep working.
 */
@Path("/runpod")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RunPodResource {
  static final String NOT_CONFIGURED =
      "RunPod not configured. Set the RUNPOD_API_KEY environment variable.";

  @Inject PodLifecycle lifecycle;
  @Inject Autoscaler autoscaler;
  @Inject ModelCatalog models;
  @Inject NodeAdmin nodes;
  @Inject Database db;
  @Inject Clock clock;

  public record CreatePodRequest(Boolean persistent) {}

  public record PersistentRequest(Boolean persistent) {}

  public record SetupProgressRequest(String phase, String message, String error, String hostIp) {}

  public record ModelRequest(String modelId, String displayName) {}

  public record Message(String message) {}

  public record Created(String instanceId, String message) {}

  public record Terminated(int terminatedCount, String message) {}

  public record Removed(int removed, String message) {}

  public record Status(
      boolean available,
      boolean enabled,
      String provider,
      boolean canCreate,
      String canCreateReason,
      int maxPods,
      boolean autoScaleEnabled,
      int scaleThreshold,
      long queueDepth,
      int desiredPods,
      List<PodView> activePods,
      List<SetupStateView> setupStates,
      List<RunView> runs,
      PodCosts.Summary cost) {}

  public record GpuTypes(List<GpuOffer> gpuTypes, String source) {}

  public record Models(List<ModelCatalog.Model> models) {}

  @GET
  @Path("/status")
  public Status status() {
    PodPolicy policy = lifecycle.policy();
    boolean available = available();
    String reason = lifecycle.refusal(policy).orElse(null);
    List<PodView> pods = List.of();
    if (policy.enabled()) {
      try {
        pods = lifecycle.provider().list().stream().map(PodView::of).toList();
      } catch (RuntimeException e) {
        reason = reason == null ? "Pod provider unreachable: " + e.getMessage() : reason;
      }
    }
    long depth = autoscaler.queueDepth();
    Instant now = clock.instant();
    PodCosts costs = new PodCosts(db);
    return new Status(
        available,
        policy.enabled(),
        lifecycle.provider().name(),
        reason == null,
        reason,
        policy.maxPods(),
        policy.autoScale(),
        policy.scaleThreshold(),
        depth,
        Autoscaler.desired(depth, policy.scaleThreshold(), policy.maxPods()),
        pods,
        lifecycle.states().stream().map(SetupStateView::of).toList(),
        costs.recent(now, 20).stream().map(r -> RunView.of(r, now)).toList(),
        costs.summarize(now, 30));
  }

  @POST
  @Path("/pods")
  @Consumes(MediaType.APPLICATION_JSON)
  public Created create(CreatePodRequest request) {
    requireAvailable();
    try {
      boolean persistent = request != null && Boolean.TRUE.equals(request.persistent());
      PodLifecycle.Created c = lifecycle.create(persistent, false);
      return new Created(c.instanceId(), c.message());
    } catch (PodRefusedException e) {
      throw new WebApplicationException(e.getMessage(), 400);
    }
  }

  @GET
  @Path("/pods/{instanceId}/setup-status")
  public SetupStateView setupStatus(@PathParam("instanceId") String instanceId) {
    return lifecycle
        .state(instanceId)
        .map(SetupStateView::of)
        .orElseThrow(() -> notFound(instanceId));
  }

  @POST
  @Path("/pods/{instanceId}/setup-progress")
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, String> setupProgress(
      @PathParam("instanceId") String instanceId,
      @HeaderParam(NodeHeaders.SETUP_TOKEN) String token,
      SetupProgressRequest report) {
    if (report == null) {
      throw new WebApplicationException("Body {\"phase\": ...} is required", 400);
    }
    String message = report.message() == null ? "" : truncate(report.message(), 1000);
    String error = report.error() == null ? null : truncate(report.error(), 4000);
    String hostIp = report.hostIp() == null ? null : truncate(report.hostIp(), 64);
    switch (lifecycle.setupProgress(instanceId, token, report.phase(), message, error, hostIp)) {
      case MISSING_TOKEN -> throw new WebApplicationException("Missing X-Setup-Token header", 401);
      case UNKNOWN_INSTANCE -> throw notFound(instanceId);
      case BAD_TOKEN -> throw new WebApplicationException("Invalid setup token", 403);
      case BAD_PHASE ->
          throw new WebApplicationException(
              "Invalid phase: "
                  + report.phase()
                  + " (expected connecting, installing, ready or failed)",
              400);
      case OK -> {}
    }
    return Map.of("status", "ok");
  }

  @PATCH
  @Path("/pods/{instanceId}/persistent")
  @Consumes(MediaType.APPLICATION_JSON)
  public Message persistent(@PathParam("instanceId") String instanceId, PersistentRequest body) {
    if (body == null || body.persistent() == null) {
      throw new InvalidRequestException("Field 'persistent' (true or false) is required");
    }
    if (!lifecycle.setPersistent(instanceId, body.persistent())) {
      throw notFound(instanceId);
    }
    return new Message(
        "Pod "
            + instanceId
            + " set to "
            + (body.persistent() ? "dev mode (persistent)" : "normal mode"));
  }

  @DELETE
  @Path("/pods")
  public Terminated terminateAll() {
    requireAvailable();
    int n = lifecycle.terminateAll("terminated by operator (all)");
    return new Terminated(n, "Terminated " + n + " pod(s)");
  }

  @DELETE
  @Path("/pods/{podId}")
  public Terminated terminate(@PathParam("podId") String podId) {
    requireAvailable();
    if (!lifecycle.terminatePod(podId, "terminated by operator")) {
      throw new WebApplicationException("Failed to terminate pod " + podId, 502);
    }
    return new Terminated(1, "Terminated pod " + podId);
  }

  /** Ends pods that failed setup and are still held; they must not keep billing. */
  @POST
  @Path("/pods/cleanup-states")
  public Removed cleanupStates() {
    int n = 0;
    for (SetupState s : lifecycle.states()) {
      if (s.phase() == SetupPhase.FAILED
          && lifecycle.terminateInstance(s.instanceId(), "cleaned up by operator")) {
        n++;
      }
    }
    return new Removed(n, "Removed " + n + " failed setup state(s)");
  }

  /** Forgets one state without terminating (the operator ended the pod elsewhere). */
  @DELETE
  @Path("/setup-states/{instanceId}")
  public Message dismiss(@PathParam("instanceId") String instanceId) {
    SetupState s = lifecycle.state(instanceId).orElseThrow(() -> notFound(instanceId));
    if (s.podId() != null && lifecycle.provider().find(s.podId()).isPresent()) {
      throw new WebApplicationException(
          "Pod "
              + s.podId()
              + " still exists; terminate it with DELETE /api/runpod/pods/"
              + s.podId(),
          409);
    }
    lifecycle.terminateInstance(instanceId, "dismissed by operator");
    return new Message("Setup state " + instanceId + " dismissed");
  }

  @POST
  @Path("/setup-states/cleanup-orphaned")
  public Removed cleanupOrphanedStates() {
    List<ProvidedPod> listed = lifecycle.provider().list();
    int n = 0;
    for (SetupState s : lifecycle.states()) {
      boolean exists = s.podId() != null && listed.stream().anyMatch(p -> p.id().equals(s.podId()));
      if (!s.phase().settingUp() && !exists && !lifecycle.building(s.instanceId())) {
        lifecycle.terminateInstance(s.instanceId(), "pod no longer exists (cleanup)");
        n++;
      }
    }
    return new Removed(n, "Removed " + n + " orphaned setup state(s)");
  }

  /** Offline pod nodes whose pod the server no longer holds. */
  @POST
  @Path("/nodes/cleanup-orphaned")
  public Removed cleanupOrphanedNodes() {
    int n = 0;
    for (Node node : nodes.list()) {
      boolean podNode =
          node.podInstanceId() != null || node.name().startsWith("RunPod Afterburner");
      String instance =
          node.podInstanceId() != null
              ? node.podInstanceId()
              : node.name().substring(node.name().lastIndexOf(' ') + 1);
      if (podNode
          && node.status() == NodeStatus.OFFLINE
          && lifecycle.state(instance).isEmpty()
          && nodes.delete(node.id())) {
        n++;
      }
    }
    return new Removed(n, "Removed " + n + " orphaned node(s)");
  }

  @GET
  @Path("/gpu-types")
  public GpuTypes gpuTypes() {
    if (!available()) {
      return new GpuTypes(List.of(), "unavailable");
    }
    try {
      return new GpuTypes(lifecycle.provider().gpuTypes(), "api");
    } catch (RuntimeException e) {
      throw new WebApplicationException("GPU catalog unavailable: " + e.getMessage(), 502);
    }
  }

  @GET
  @Path("/models")
  public Models models(@QueryParam("include_disabled") @DefaultValue("false") boolean all) {
    return new Models(models.list(all));
  }

  @POST
  @Path("/models")
  @Consumes(MediaType.APPLICATION_JSON)
  public Message addModel(ModelRequest body) {
    String id = modelId(body);
    models.add(id, body.displayName());
    return new Message("Model '" + id + "' added.");
  }

  @DELETE
  @Path("/models")
  @Consumes(MediaType.APPLICATION_JSON)
  public Message deleteModel(ModelRequest body) {
    String id = modelId(body);
    if (!models.delete(id)) {
      throw new WebApplicationException("Model '" + id + "' not found.", 404);
    }
    return new Message("Model '" + id + "' removed.");
  }

  @POST
  @Path("/models/reset")
  public Message resetModels() {
    int n = models.reset();
    return new Message("Models reset to " + n + " defaults.");
  }

  private static String modelId(ModelRequest body) {
    if (body == null || body.modelId() == null || body.modelId().isBlank()) {
      throw new InvalidRequestException("Field 'model_id' is required");
    }
    String id = body.modelId().trim();
    if (id.length() > 100 || !id.matches("[A-Za-z0-9._/:-]+")) {
      throw new InvalidRequestException(
          "Field 'model_id' must be at most 100 letters, digits and . _ / : -");
    }
    return id;
  }

  private boolean available() {
    return !LocalPodProvider.NAME.equals(lifecycle.provider().name());
  }

  private void requireAvailable() {
    if (!available()) {
      throw new WebApplicationException(NOT_CONFIGURED, 503);
    }
  }

  private static WebApplicationException notFound(String instanceId) {
    return new NotFoundException("No setup state found for instance " + instanceId);
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }
}
