package dev.cast2md.health.boundary;

import dev.cast2md.queue.control.JobListing;
import dev.cast2md.settings.control.SettingKey;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /api/health}, as cast2md's debugging section calls it: status, build and database, 503
 * when the database does not answer. The build is reported even then.
 */
@Path("/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {
  @Inject DatabaseHealth database;
  @Inject JobListing listing;

  @Inject
  @ConfigProperty(name = "CAST2MD_BUILD_VERSION", defaultValue = "dev")
  String build;

  @GET
  public Response health() {
    Map<String, Object> db = database.probe();
    boolean up = Boolean.TRUE.equals(db.get("up"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", up ? "healthy" : "unhealthy");
    out.put(
        "build",
        build == null || build.isBlank() ? SettingKey.CAST2MD_BUILD_VERSION.defaultValue() : build);
    out.put("database", db);
    if (up) {
      out.put("queue", listing.countsByStatus());
    }
    return Response.status(up ? 200 : 503).entity(out).build();
  }
}
