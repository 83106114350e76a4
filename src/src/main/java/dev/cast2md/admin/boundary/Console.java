package dev.cast2md.admin.boundary;

import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What the console's beans share: messages, request parameters, and running an operation of the
 * REST layer so that its refusal (a 4xx with a reason) becomes a message on the page.
 */
final class Console {
  private Console() {}

  static void info(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_INFO, text, null));
  }

  static void error(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  /** A request parameter, or null when absent or blank. */
  static String param(String name) {
    String v =
        FacesContext.getCurrentInstance().getExternalContext().getRequestParameterMap().get(name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  static Long longParam(String name) {
    String v = param(name);
    try {
      return v == null ? null : Long.valueOf(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Runs an operation; its result's message on success, its refusal's reason on failure. */
  static boolean attempt(Supplier<String> operation) {
    try {
      String message = operation.get();
      if (message != null) {
        info(message);
      }
      return true;
    } catch (WebApplicationException | IllegalArgumentException | IllegalStateException e) {
      error(e.getMessage() == null ? "Refused" : e.getMessage());
      return false;
    }
  }

  /** "3 min ago" for a stored instant's text. */
  static String ago(String instant) {
    if (instant == null) {
      return "—";
    }
    try {
      Duration d = Duration.between(Instant.parse(instant), Instant.now());
      long s = Math.max(0, d.getSeconds());
      if (s < 60) {
        return s + " s ago";
      }
      if (s < 3600) {
        return s / 60 + " min ago";
      }
      if (s < 86_400) {
        return s / 3600 + " h ago";
      }
      return s / 86_400 + " d ago";
    } catch (RuntimeException e) {
      return instant;
    }
  }
}
