package dev.cast2md.transcripts.boundary;

import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.platform.control.Database;
import dev.cast2md.transcripts.control.TranscriptRendering;
import dev.cast2md.transcripts.control.TranscriptRepository;
import dev.cast2md.transcripts.entity.Transcript;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * An episode's transcript as a download in another format. Publisher text was reduced to plain text
 * when imported and every writer escapes what its format treats as markup.
 */
@Path("/episodes/{id}/transcript/{format}")
@RequestScoped
@Tag(name = "episodes")
public class TranscriptExportResource {
  @Inject Database db;

  @GET
  @Operation(summary = "The transcript as md, txt, srt, vtt or json (Podcasting 2.0)")
  public Response export(@PathParam("id") long id, @PathParam("format") String format) {
    Transcript t =
        db.inTransaction(c -> TranscriptRepository.find(c, id))
            .orElseThrow(() -> new NotFoundException("No transcript for this episode"));
    TranscriptRendering.Rendered r;
    try {
      r = TranscriptRendering.render(t, format);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
    return Response.ok(r.body(), r.mediaType())
        .header(
            "Content-Disposition",
            "attachment; filename=\"episode-" + id + "." + r.extension() + "\"")
        .build();
  }
}
