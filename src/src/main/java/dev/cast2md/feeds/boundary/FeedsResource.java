package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.control.AudioDownloads;
import dev.cast2md.feeds.control.FeedFetchException;
import dev.cast2md.feeds.control.FeedParseException;
import dev.cast2md.feeds.control.Feeds;
import dev.cast2md.feeds.control.ItunesDirectory;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.feeds.entity.Feed;
import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.platform.boundary.QueryParams;
import dev.cast2md.platform.boundary.ServerComponents;
import dev.cast2md.platform.control.Database;
import dev.cast2md.transcripts.control.TranscriptTrash;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Feeds: subscribe by URL or OPML, list, look at, poll now, unsubscribe. */
@Path("/feeds")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "feeds")
public class FeedsResource {
  /** An OPML upload is a list of URLs; a megabyte is thousands of feeds. */
  private static final int MAX_OPML_BYTES = 2 * 1024 * 1024;

  @Inject Feeds feeds;
  @Inject ItunesDirectory directory;
  @Inject AudioDownloads audio;
  @Inject Database db;
  @Inject ServerComponents server;

  /** {@code {"feeds": [...]}} */
  public record FeedList(List<FeedView> feeds) {}

  public record RefreshView(
      Long feedId, Boolean notModified, Integer newEpisodes, String message) {}

  public record ImportView(List<Feeds.Imported> results) {}

  public record EpisodePage(List<EpisodeView> episodes, Long total) {}

  @GET
  @Operation(summary = "All feeds with their episode counts per status")
  public FeedList list() {
    Map<Long, Map<String, Long>> counts = feeds.statusCounts();
    return new FeedList(
        feeds.list().stream().map(f -> FeedView.of(f, counts.get(f.id()))).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Subscribe to a feed by URL; its episodes are discovered at once")
  public Response add(AddFeedRequest request) {
    if (request == null || request.url() == null || request.url().isBlank()) {
      throw new InvalidRequestException("A JSON body with 'url' is required");
    }
    try {
      Feeds.Added added = feeds.add(feedUrl(request.url()));
      return Response.created(URI.create("/api/feeds/" + added.feed().id()))
          .entity(view(added.feed()))
          .build();
    } catch (FeedFetchException | FeedParseException e) {
      throw new BadRequestException(e.getMessage());
    } catch (Feeds.FeedExistsException e) {
      throw new ClientErrorException(e.getMessage(), Response.Status.CONFLICT);
    }
  }

  @GET
  @Path("/{id: [0-9]+}")
  public FeedView get(@PathParam("id") long id) {
    return view(feed(id));
  }

  /** {@code {"custom_title": "..."}}; null or blank goes back to the feed's own title. */
  public record RenameRequest(String customTitle) {}

  @PATCH
  @Path("/{id: [0-9]+}")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Give the feed a title of your own (null or blank: the feed's title)")
  public FeedView rename(@PathParam("id") long id, RenameRequest request) {
    if (request == null) {
      throw new InvalidRequestException("A JSON body with 'custom_title' is required");
    }
    if (request.customTitle() != null && request.customTitle().length() > 1000) {
      throw new InvalidRequestException("'custom_title' is longer than 1000 characters");
    }
    return view(
        feeds
            .rename(id, request.customTitle())
            .orElseThrow(() -> new NotFoundException("Feed not found")));
  }

  @DELETE
  @Path("/{id: [0-9]+}")
  @Operation(
      summary =
          "Unsubscribe; the feed's episodes, jobs and relayed audio are deleted, its transcript files"
              + " move to the trash folder")
  public Map<String, String> delete(@PathParam("id") long id) {
    Feed f = feed(id);
    TranscriptTrash trash = new TranscriptTrash(db, server.dataDirectory());
    List<java.nio.file.Path> files = trash.filesOf(id);
    if (!feeds.delete(id)) {
      throw new NotFoundException("Feed not found");
    }
    audio.forgetFeed(id);
    trash.moveToTrash(files);
    return Map.of("message", "Feed '" + f.displayTitle() + "' deleted");
  }

  @GET
  @Path("/{id}/episodes")
  @Operation(summary = "The feed's episodes, newest first")
  public EpisodePage episodes(
      @PathParam("id") long id,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    QueryParams.checkPage(limit, offset);
    feed(id);
    Feeds.Page page = feeds.episodes(id, limit, offset);
    return new EpisodePage(
        page.episodes().stream()
            .map(e -> EpisodeView.of(e, null, e.status() == EpisodeStatus.COMPLETED))
            .toList(),
        page.total());
  }

  @POST
  @Path("/{id}/refresh")
  @Operation(summary = "Poll the feed now (a conditional GET); new episodes are stored")
  public Response refresh(@PathParam("id") long id) {
    Feeds.Refreshed r =
        feeds.refresh(id).orElseThrow(() -> new NotFoundException("Feed not found"));
    if (r.error() != null) {
      // the feed is unchanged and shows the error; the caller learns it too
      return Response.status(502)
          .entity(new RefreshView(id, false, 0, r.error()))
          .type(MediaType.APPLICATION_JSON_TYPE)
          .build();
    }
    String message =
        r.notModified()
            ? "Not modified"
            : r.newEpisodes() == 0 ? "No new episodes" : r.newEpisodes() + " new episodes";
    return Response.ok(new RefreshView(id, r.notModified(), r.newEpisodes(), message)).build();
  }

  @POST
  @Path("/opml")
  @Consumes({
    "text/x-opml",
    MediaType.APPLICATION_XML,
    MediaType.TEXT_XML,
    MediaType.APPLICATION_OCTET_STREAM
  })
  @Operation(summary = "Subscribe to every feed of an OPML file; the result lists each URL")
  public ImportView importOpml(byte[] body) {
    if (body == null || body.length == 0) {
      throw new InvalidRequestException("The body must be an OPML file");
    }
    if (body.length > MAX_OPML_BYTES) {
      throw new InvalidRequestException("The OPML file is larger than 2 MB");
    }
    try {
      return new ImportView(feeds.importOpml(body));
    } catch (FeedParseException e) {
      throw new BadRequestException(e.getMessage());
    }
  }

  @GET
  @Path("/opml")
  @Produces("text/x-opml; charset=UTF-8")
  @Operation(summary = "All feeds as an OPML file")
  public Response exportOpml() {
    return Response.ok(feeds.exportOpml(), "text/x-opml; charset=UTF-8")
        .header("Content-Disposition", "attachment; filename=\"cast2md-feeds.opml\"")
        .build();
  }

  /** An Apple Podcasts page URL stands for its RSS feed, which the directory knows. */
  private String feedUrl(String url) throws FeedFetchException {
    if (ItunesDirectory.applePodcastsId(url).isEmpty()) {
      return url;
    }
    return directory
        .feedUrlOf(url)
        .orElseThrow(
            () -> new BadRequestException("No RSS feed found for this Apple Podcasts URL"));
  }

  private Feed feed(long id) {
    return feeds.find(id).orElseThrow(() -> new NotFoundException("Feed not found"));
  }

  private FeedView view(Feed f) {
    return FeedView.of(f, feeds.statusCounts().get(f.id()));
  }
}
