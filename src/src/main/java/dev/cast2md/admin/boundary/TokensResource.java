package dev.cast2md.admin.boundary;

import dev.cast2md.admin.control.ApiTokens;
import dev.cast2md.admin.entity.ApiToken;
import dev.cast2md.platform.boundary.InvalidRequestException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/** Personal API tokens for scripts: the token is in the creation answer and nowhere else. */
@Path("/admin/tokens")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {
  @Inject AdminComponents admin;

  public record CreateRequest(String name) {}

  public record TokenView(
      long id, String name, String prefix, String createdAt, String lastUsedAt, String revokedAt) {
    static TokenView of(ApiToken t) {
      return new TokenView(
          t.id(),
          t.name(),
          t.prefix(),
          text(t.createdAt()),
          text(t.lastUsedAt()),
          text(t.revokedAt()));
    }

    private static String text(Object o) {
      return o == null ? null : o.toString();
    }
  }

  public record CreatedView(long id, String name, String token, String message) {}

  @GET
  public Map<String, List<TokenView>> list() {
    return Map.of("tokens", admin.tokens().list().stream().map(TokenView::of).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(CreateRequest request) {
    try {
      ApiTokens.Created c = admin.tokens().create(request == null ? null : request.name());
      return Response.status(201)
          .entity(
              new CreatedView(
                  c.listing().id(),
                  c.listing().name(),
                  c.token(),
                  "Shown once: use it as Authorization: Bearer <token>"))
          .build();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  @DELETE
  @Path("/{id}")
  public Map<String, String> revoke(@PathParam("id") long id) {
    if (!admin.tokens().revoke(id)) {
      throw new NotFoundException("No active token " + id);
    }
    return Map.of("message", "Token " + id + " revoked");
  }
}
