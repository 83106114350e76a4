package dev.cast2md.transcripts.boundary;

import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.platform.control.Database;
import dev.cast2md.transcripts.control.TranscriptSearch;
import dev.cast2md.transcripts.entity.SearchHit;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Search across episode titles and transcripts, with the time of the matching paragraph. */
@Path("/search")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "search")
public class SearchResource {
  @Inject Database db;

  public record Results(String query, List<SearchHit> results) {}

  @GET
  @Operation(
      summary =
          "Episodes whose title, or whose transcript, holds every word of q (as word prefixes;"
              + " full-text indexed on PostgreSQL), with the matching paragraph and its time")
  public Results search(
      @QueryParam("q") String q, @QueryParam("limit") @DefaultValue("50") int limit) {
    if (q == null || q.isBlank() || q.length() > 200) {
      throw new InvalidRequestException("Query parameter 'q' (1 to 200 characters) is required");
    }
    if (limit < 1 || limit > 500) {
      throw new InvalidRequestException("limit must be 1 to 500");
    }
    return new Results(q, new TranscriptSearch(db).search(q, limit));
  }
}
