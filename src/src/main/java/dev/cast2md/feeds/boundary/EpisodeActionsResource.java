package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.control.EpisodeActions;
import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.platform.control.Database;
import dev.cast2md.queue.control.JobQueue;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Actions on episodes of feeds: one at a time or a selection. */
@Path("/episodes/actions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "episodes")
public class EpisodeActionsResource {
  @Inject Database db;
  @Inject JobQueue queue;

  /** {@code {"action": "transcribe"|"transcript_check"|"retry", "episode_ids": [..]}} */
  public record ActionRequest(String action, List<Long> episodeIds) {}

  public record ActionResults(List<EpisodeActions.Outcome> results) {}

  @POST
  @Operation(summary = "Transcribe, look for the publisher transcript of, or retry a selection")
  public ActionResults bulk(ActionRequest request) {
    if (request == null || request.episodeIds() == null || request.episodeIds().isEmpty()) {
      throw new InvalidRequestException("'episode_ids' must list at least one episode");
    }
    return new ActionResults(run(request.action(), request.episodeIds()));
  }

  @POST
  @Path("/{action}/{id}")
  @Operation(summary = "Transcribe, look for the publisher transcript of, or retry one episode")
  public EpisodeActions.Outcome one(@PathParam("action") String action, @PathParam("id") long id) {
    EpisodeActions.Outcome outcome = run(action, List.of(id)).get(0);
    if ("Episode not found".equals(outcome.problem())) {
      throw new NotFoundException(outcome.problem());
    }
    return outcome;
  }

  /** The retry of one episode, as {@code POST /api/episodes/{id}/retry} answers it. */
  public EpisodeActions.Outcome retry(long id) {
    EpisodeActions.Outcome outcome = one("retry", id);
    if (outcome.problem() != null) {
      throw new JobQueue.QueueConflictException(outcome.problem());
    }
    return outcome;
  }

  private List<EpisodeActions.Outcome> run(String action, List<Long> ids) {
    EpisodeActions.Action a =
        EpisodeActions.Action.parse(action)
            .orElseThrow(
                () ->
                    new InvalidRequestException(
                        "'action' must be 'transcribe', 'transcript_check' or 'retry'"));
    try {
      return new EpisodeActions(db, queue).apply(a, ids);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }
}
