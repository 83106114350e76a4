package dev.cast2md.platform.boundary;

import dev.cast2md.protocol.ErrorResponse;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Every error leaves as {@code {"detail": "..."}} with its status. */
public final class ErrorResponses {
  private ErrorResponses() {}

  public static Response of(int status, String detail) {
    return Response.status(status)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(new ErrorResponse(detail))
        .build();
  }
}
