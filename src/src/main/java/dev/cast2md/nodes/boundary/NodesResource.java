package dev.cast2md.nodes.boundary;

import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.nodes.control.NodeAdmin;
import dev.cast2md.nodes.control.NodeProtocol;
import dev.cast2md.nodes.entity.Node;
import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.protocol.ClaimResponse;
import dev.cast2md.protocol.CompleteRequest;
import dev.cast2md.protocol.FailRequest;
import dev.cast2md.protocol.HeartbeatRequest;
import dev.cast2md.protocol.HeartbeatResponse;
import dev.cast2md.protocol.MessageResponse;
import dev.cast2md.protocol.NodeHeaders;
import dev.cast2md.protocol.ProgressRequest;
import dev.cast2md.protocol.RegisterRequest;
import dev.cast2md.protocol.RegisterResponse;
import dev.cast2md.protocol.TerminationResponse;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.annotation.Counted;
import org.eclipse.microprofile.metrics.annotation.Timed;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The node protocol, wire-compatible with cast2md's Python nodes: every success is 200 with a JSON
 * body, and the bodyless POSTs (claim, release, request-termination) accept any content type.
 */
@Path("/nodes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "node protocol", description = "What transcriber nodes call")
public class NodesResource {

  @Inject NodeProtocol protocol;
  @Inject AudioStreamer audio;
  @Inject QueueMetrics metrics;
  @Inject NodeAdmin admin;

  @POST
  @Path("/register")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Register a node with the enrolment key or a pod's setup token")
  public RegisterResponse register(
      RegisterRequest request,
      @HeaderParam(NodeHeaders.ENROLMENT_KEY) String enrolmentKey,
      @HeaderParam(NodeHeaders.SETUP_TOKEN) String setupToken) {
    return protocol.register(request, enrolmentKey, setupToken);
  }

  @POST
  @Path("/{nodeId}/heartbeat")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Report liveness, renew leases, resynchronise claimed jobs")
  public HeartbeatResponse heartbeat(
      @PathParam("nodeId") String nodeId,
      @HeaderParam(NodeHeaders.TRANSCRIBER_KEY) String key,
      HeartbeatRequest request) {
    return protocol.heartbeat(nodeId, key, request);
  }

  @POST
  @Path("/{nodeId}/claim")
  @Consumes(MediaType.WILDCARD)
  @Counted(name = "claim_requests", absolute = true, description = "Claim requests from nodes")
  @Timed(
      name = "claim_latency",
      absolute = true,
      unit = MetricUnits.MILLISECONDS,
      description = "Time to answer a claim")
  @Operation(summary = "Claim the next transcription job")
  public ClaimResponse claim(
      @PathParam("nodeId") String nodeId, @HeaderParam(NodeHeaders.TRANSCRIBER_KEY) String key) {
    ClaimResponse response = protocol.claim(nodeId, key);
    if (response.hasWork()) {
      metrics.claimed();
    }
    return response;
  }

  @GET
  @Path("/jobs/{jobId}/audio")
  @Produces(MediaType.WILDCARD)
  @Operation(summary = "The job's audio, streamed, with HTTP Range support")
  public Response audio(
      @PathParam("jobId") long jobId,
      @HeaderParam(NodeHeaders.TRANSCRIBER_KEY) String key,
      @HeaderParam("Range") String range) {
    Episode episode = protocol.audioFor(key, jobId);
    return audio.stream(episode, range);
  }

  @POST
  @Path("/jobs/{jobId}/progress")
  @Consumes(MediaType.APPLICATION_JSON)
  public MessageResponse progress(
      @PathParam("jobId") long jobId,
      @HeaderParam(NodeHeaders.TRANSCRIBER_KEY) String key,
      ProgressRequest request) {
    protocol.progress(key, jobId, request == null ? null : request.progressPercent());
    return new MessageResponse("Progress updated");
  }

  @POST
  @Path("/jobs/{jobId}/complete")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Deliver the transcript; a retried delivery is not an error")
  public MessageResponse complete(
      @PathParam("jobId") long jobId,
      @HeaderParam(NodeHeaders.TRANSCRIBER_KEY) String key,
      CompleteRequest request) {
    String message = protocol.complete(key, jobId, request);
    if (NodeProtocol.COMPLETED.equals(message)) {
      metrics.completed();
    }
    return new MessageResponse(message);
  }

  @POST
  @Path("/jobs/{jobId}/fail")
  @Consumes(MediaType.APPLICATION_JSON)
  public MessageResponse fail(
      @PathParam("jobId") long jobId,
      @HeaderParam(NodeHeaders.TRANSCRIBER_KEY) String key,
      FailRequest request) {
    protocol.fail(key, jobId, request);
    metrics.failed();
    return new MessageResponse("Job marked as failed");
  }

  @POST
  @Path("/jobs/{jobId}/release")
  @Consumes(MediaType.WILDCARD)
  public MessageResponse release(
      @PathParam("jobId") long jobId, @HeaderParam(NodeHeaders.TRANSCRIBER_KEY) String key) {
    protocol.release(key, jobId);
    return new MessageResponse("Job released back to queue");
  }

  @POST
  @Path("/{nodeId}/request-termination")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "A pod's node asks for its own pod to be terminated")
  public TerminationResponse requestTermination(
      @PathParam("nodeId") String nodeId, @HeaderParam(NodeHeaders.TRANSCRIBER_KEY) String key) {
    return protocol.requestTermination(nodeId, key);
  }

  // ---- administration ----

  @GET
  @Operation(summary = "List nodes (keys are never shown)")
  public Map<String, Object> list() {
    List<NodeView> nodes = admin.list().stream().map(NodeView::of).toList();
    return Map.of("nodes", nodes, "total", nodes.size());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Add a node by hand; the answer holds its key, shown this once")
  public RegisterResponse add(AddNodeRequest request) {
    if (request == null || request.name() == null || request.name().isBlank()) {
      throw new InvalidRequestException("Field 'name' is required");
    }
    if (request.name().length() > 200) {
      throw new InvalidRequestException("Field 'name' is longer than 200");
    }
    int priority = request.priority() == null ? 10 : request.priority();
    if (priority < 0 || priority > 1000) {
      throw new InvalidRequestException("Field 'priority' must be 0 to 1000");
    }
    return admin.add(
        request.name().trim(),
        request.url(),
        request.whisperModel(),
        request.whisperBackend(),
        priority);
  }

  @GET
  @Path("/stale")
  public Map<String, Object> stale(@QueryParam("offline_hours") @DefaultValue("24") int hours) {
    Duration d = staleHours(hours);
    Instant now = Instant.now();
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (Node n : admin.stale(d)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", n.id());
      m.put("name", n.name());
      m.put("last_heartbeat", n.lastHeartbeat() == null ? null : n.lastHeartbeat().toString());
      m.put(
          "offline_hours",
          n.lastHeartbeat() == null
              ? null
              : Math.round(Duration.between(n.lastHeartbeat(), now).toMinutes() / 6.0) / 10.0);
      nodes.add(m);
    }
    return Map.of("stale_count", nodes.size(), "threshold_hours", hours, "nodes", nodes);
  }

  @DELETE
  @Path("/stale")
  public Map<String, Object> deleteStale(
      @QueryParam("offline_hours") @DefaultValue("24") int hours) {
    int deleted = admin.deleteStale(staleHours(hours));
    return Map.of("deleted_count", deleted, "message", "Deleted " + deleted + " stale nodes");
  }

  @POST
  @Path("/{nodeId}/test")
  @Consumes(MediaType.WILDCARD)
  public MessageResponse test(@PathParam("nodeId") String nodeId) {
    Node node = admin.find(nodeId).orElseThrow(() -> new NotFoundException("Node not found"));
    return new MessageResponse(admin.test(node));
  }

  @DELETE
  @Path("/{nodeId}")
  public MessageResponse delete(@PathParam("nodeId") String nodeId) {
    if (!admin.delete(nodeId)) {
      throw new NotFoundException("Node not found");
    }
    return new MessageResponse("Node deleted");
  }

  private static Duration staleHours(int hours) {
    if (hours < 0 || hours > 24 * 365) {
      throw new InvalidRequestException("offline_hours must be 0 to 8760");
    }
    return Duration.ofHours(hours);
  }
}
