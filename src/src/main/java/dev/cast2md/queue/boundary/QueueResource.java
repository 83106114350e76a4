package dev.cast2md.queue.boundary;

import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.platform.boundary.QueryParams;
import dev.cast2md.queue.control.JobListing;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.JobFilter;
import dev.cast2md.queue.entity.JobPage;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The queue for its users: look, retry, cancel, reprioritise. */
@Path("/queue")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "queue")
public class QueueResource {
  @Inject JobQueue queue;
  @Inject JobListing listing;

  @GET
  @Operation(summary = "Jobs, filtered and paged")
  public Map<String, Object> list(
      @QueryParam("status") String status,
      @QueryParam("type") String type,
      @QueryParam("episode_id") Long episodeId,
      @QueryParam("node_id") String nodeId,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    QueryParams.checkPage(limit, offset);
    JobFilter filter =
        new JobFilter(
            QueryParams.optionalEnum(status, JobStatus::parse, "status"),
            QueryParams.optionalEnum(type, JobType::parse, "job type"),
            episodeId,
            nodeId);
    JobPage page = listing.list(filter, limit, offset);
    List<JobView> jobs = page.jobs().stream().map(JobView::of).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobs", jobs);
    out.put("total", page.total());
    out.put("limit", limit);
    out.put("offset", offset);
    return out;
  }

  @GET
  @Path("/status")
  @Operation(summary = "Job counts by status, and by type and status")
  public Map<String, Object> status() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("counts", listing.countsByStatus());
    out.put("by_type", listing.countsByTypeAndStatus());
    return out;
  }

  @GET
  @Path("/{id}")
  public JobView get(@PathParam("id") long id) {
    return queue.find(id).map(JobView::of).orElseThrow(QueueResource::notFound);
  }

  @POST
  @Path("/{id}/retry")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Queue a failed or cancelled job again with fresh attempts")
  public JobView retry(@PathParam("id") long id) {
    return queue.retry(id).map(JobView::of).orElseThrow(QueueResource::notFound);
  }

  @POST
  @Path("/{id}/cancel")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Cancel a queued or running job; a running job's node result is refused")
  public JobView cancel(@PathParam("id") long id) {
    return queue.cancel(id).map(JobView::of).orElseThrow(QueueResource::notFound);
  }

  @DELETE
  @Path("/{id}")
  @Operation(summary = "Same as cancel (cast2md's verb)")
  public JobView delete(@PathParam("id") long id) {
    return cancel(id);
  }

  @POST
  @Path("/{id}/priority")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Change a job's priority (lower runs first)")
  public JobView reprioritise(@PathParam("id") long id, PriorityRequest request) {
    if (request == null || request.priority() == null) {
      throw new InvalidRequestException("Field 'priority' is required");
    }
    if (request.priority() < 0 || request.priority() > 1000) {
      throw new InvalidRequestException("Field 'priority' must be 0 to 1000");
    }
    return queue
        .reprioritise(id, request.priority())
        .map(JobView::of)
        .orElseThrow(QueueResource::notFound);
  }

  private static NotFoundException notFound() {
    return new NotFoundException("Job not found");
  }
}
