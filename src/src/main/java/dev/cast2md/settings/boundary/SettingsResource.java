package dev.cast2md.settings.boundary;

import dev.cast2md.platform.boundary.InvalidRequestException;
import dev.cast2md.platform.boundary.ServerComponents;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Settings that can change at runtime: effective value and where it comes from. */
@Path("/settings")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {
  @Inject Settings settings;
  @Inject ServerComponents components;

  /** A new value for one setting. */
  public record SettingUpdate(String value) {}

  @GET
  public Map<String, Settings.Value> all() {
    return settings.all();
  }

  @PUT
  @Path("/{key}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Settings.Value update(@PathParam("key") String key, SettingUpdate update) {
    try {
      Settings.Value v =
          settings.override(SettingKey.parse(key), update == null ? null : update.value());
      components.settingsChanged();
      return v;
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  @DELETE
  @Path("/{key}")
  public Settings.Value reset(@PathParam("key") String key) {
    try {
      Settings.Value v = settings.reset(SettingKey.parse(key));
      components.settingsChanged();
      return v;
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }
}
