package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.control.EpisodeActions;
import dev.cast2md.feeds.control.EpisodeRepository;
import dev.cast2md.feeds.control.StandaloneEpisodes;
import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.platform.boundary.QueryParams;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobListing;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobFilter;
import dev.cast2md.transcripts.control.TranscriptRendering;
import dev.cast2md.transcripts.control.TranscriptRepository;
import dev.cast2md.transcripts.entity.Transcript;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
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
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Episodes: transcribe a single URL or file, follow its state, read its transcript. */
@Path("/episodes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "episodes")
public class EpisodesResource {

  @Inject StandaloneEpisodes standalone;
  @Inject Database db;
  @Inject JobListing listing;
  @Inject EpisodeActionsResource actions;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Transcribe one audio URL without a feed")
  public Response create(CreateEpisodeRequest request) {
    if (request == null) {
      throw new InvalidRequestException("A JSON body with 'audio_url' is required");
    }
    int priority = request.priority() == null ? 10 : request.priority();
    if (priority < 0 || priority > 1000) {
      throw new InvalidRequestException("Field 'priority' must be 0 to 1000");
    }
    if (request.title() != null && request.title().length() > 1000) {
      throw new InvalidRequestException("Field 'title' is longer than 1000 characters");
    }
    StandaloneEpisodes.Created created;
    try {
      created = standalone.fromUrl(request.title(), request.audioUrl(), priority);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    return Response.created(URI.create("/api/episodes/" + created.episodeId()))
        .entity(view(created.episodeId()))
        .build();
  }

  @POST
  @Path("/upload")
  @Consumes({"audio/*", MediaType.APPLICATION_OCTET_STREAM, "video/*"})
  @Operation(summary = "Transcribe one uploaded audio file (the body is the file)")
  public Response upload(
      InputStream body,
      @QueryParam("title") String title,
      @QueryParam("filename") String fileName,
      @HeaderParam("Content-Type") String contentType)
      throws IOException {
    StandaloneEpisodes.Created created;
    try {
      created = standalone.fromUpload(title, fileName, contentType, body);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    return Response.created(URI.create("/api/episodes/" + created.episodeId()))
        .entity(view(created.episodeId()))
        .build();
  }

  @GET
  @Path("/{id}")
  public EpisodeView get(@PathParam("id") long id) {
    return view(id);
  }

  @POST
  @Path("/{id}/retry")
  @Operation(
      summary =
          "Queue a failed episode again (its publisher transcript, or its transcription),"
              + " with fresh attempts; 409 when it has not failed")
  public EpisodeActions.Outcome retry(@PathParam("id") long id) {
    return actions.retry(id);
  }

  @GET
  @Operation(summary = "Episodes, newest first, filtered by feed, state and publication date")
  public Map<String, Object> list(
      @QueryParam("feed_id") Long feedId,
      @QueryParam("status") String status,
      @QueryParam("published_from") String from,
      @QueryParam("published_to") String to,
      @QueryParam("limit") @DefaultValue("50") int limit,
      @QueryParam("offset") @DefaultValue("0") int offset) {
    QueryParams.checkPage(limit, offset);
    EpisodeRepository.Filter filter =
        new EpisodeRepository.Filter(
            feedId,
            QueryParams.optionalEnum(status, EpisodeStatus::parse, "episode status"),
            date(from),
            date(to));
    EpisodeRepository.Page page =
        db.inTransaction(c -> EpisodeRepository.list(c, filter, limit, offset));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(
        "episodes",
        page.episodes().stream()
            .map(e -> EpisodeView.of(e, null, e.status() == EpisodeStatus.COMPLETED))
            .toList());
    out.put("total", page.total());
    out.put("limit", limit);
    out.put("offset", offset);
    return out;
  }

  @GET
  @Path("/{id}/transcript")
  @Produces({"text/markdown; charset=UTF-8", MediaType.APPLICATION_JSON})
  @Operation(
      summary =
          "The transcript once the episode is complete: format=md (default), txt, srt, vtt, json")
  public Response transcript(@PathParam("id") long id, @QueryParam("format") String format) {
    Episode e = episode(id);
    Transcript t =
        db.inTransaction(c -> TranscriptRepository.find(c, id))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "No transcript yet; the episode is " + e.status().wire()));
    if (format == null || format.isBlank() || format.equalsIgnoreCase("md")) {
      return Response.ok(t.markdown(), "text/markdown; charset=UTF-8").build();
    }
    try {
      TranscriptRendering.Rendered r = TranscriptRendering.render(t, format);
      return Response.ok(r.body(), r.mediaType()).build();
    } catch (IllegalArgumentException ex) {
      throw new InvalidRequestException(ex.getMessage());
    }
  }

  private static Instant date(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return s.length() == 10
          ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException(
          "Dates are YYYY-MM-DD or ISO-8601 instants, not '" + s + "'");
    }
  }

  private Episode episode(long id) {
    return db.inTransaction(c -> EpisodeRepository.find(c, id))
        .orElseThrow(() -> new NotFoundException("Episode not found"));
  }

  private EpisodeView view(long id) {
    Episode e = episode(id);
    Job job =
        listing.list(new JobFilter(null, null, id, null), 1, 0).jobs().stream()
            .findFirst()
            .orElse(null);
    boolean hasTranscript =
        db.inTransaction(
                c -> Sql.count(c, "SELECT COUNT(*) FROM transcript WHERE episode_id = ?", id))
            > 0;
    return EpisodeView.of(e, job, hasTranscript);
  }
}
