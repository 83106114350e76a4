package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.control.FeedFetchException;
import dev.cast2md.feeds.control.ItunesDirectory;
import dev.cast2md.feeds.entity.DirectoryEntry;
import dev.cast2md.platform.boundary.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ServerErrorException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Find a podcast by name in the iTunes directory; subscribe with the result's feed_url. */
@Path("/itunes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feeds")
public class ItunesResource {
  @Inject ItunesDirectory directory;

  public record SearchResults(String query, List<DirectoryEntry> results) {}

  @GET
  @Path("/search")
  @Operation(summary = "Podcasts matching a name, with their feed URLs")
  public SearchResults search(
      @QueryParam("q") String q,
      @QueryParam("term") String termParam,
      @QueryParam("limit") @DefaultValue("20") int limit) {
    // q as cast2md's API names it; term as the iTunes API does
    String term = q != null && !q.isBlank() ? q : termParam;
    if (term == null || term.isBlank() || term.length() > 200) {
      throw new InvalidRequestException("Query parameter 'q' (1 to 200 characters) is required");
    }
    try {
      return new SearchResults(term, directory.search(term, limit));
    } catch (FeedFetchException e) {
      throw new ServerErrorException(e.getMessage(), 502);
    }
  }
}
