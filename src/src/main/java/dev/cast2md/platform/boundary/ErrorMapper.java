package dev.cast2md.platform.boundary;

import dev.cast2md.nodes.control.NodeAccessException;
import dev.cast2md.platform.control.DataAccessException;
import dev.cast2md.queue.control.JobQueue.QueueConflictException;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParsingException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns every exception into a JSON error with the right status: bad input is a 4xx that says what
 * was wrong, and only a real fault of the server is a 5xx.
 */
@Provider
public class ErrorMapper implements ExceptionMapper<Throwable> {
  private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

  @Override
  public Response toResponse(Throwable e) {
    PayloadTooLargeException tooLarge = find(e, PayloadTooLargeException.class);
    if (tooLarge != null) {
      return ErrorResponses.of(413, tooLarge.getMessage());
    }
    if (e instanceof NodeAccessException n) {
      return ErrorResponses.of(n.reason().status, n.getMessage());
    }
    if (e instanceof QueueConflictException q) {
      return ErrorResponses.of(409, q.getMessage());
    }
    if (e instanceof InvalidRequestException i) {
      return ErrorResponses.of(422, i.getMessage());
    }
    JsonbException jsonb = find(e, JsonbException.class);
    if (jsonb != null && writing(jsonb)) {
      // the server could not write its own answer: a fault here, not a bad request
      LOG.log(Level.SEVERE, "response could not be written as JSON", e);
      return ErrorResponses.of(500, "Internal error");
    }
    if (find(e, JsonParsingException.class) != null
        || jsonb != null
        || e instanceof ProcessingException) {
      return ErrorResponses.of(400, "Malformed JSON body: " + rootMessage(e));
    }
    if (e instanceof NotSupportedException) {
      return ErrorResponses.of(415, "Unsupported content type; send application/json");
    }
    if (e instanceof NotAllowedException) {
      return ErrorResponses.of(405, "Method not allowed");
    }
    if (e instanceof WebApplicationException w) {
      int status = w.getResponse().getStatus();
      if (status >= 500) {
        LOG.log(Level.SEVERE, "request failed", e);
      }
      return ErrorResponses.of(status, w.getMessage());
    }
    if (e instanceof DataAccessException) {
      LOG.log(Level.SEVERE, "database failure", e);
      return ErrorResponses.of(503, "Database unavailable, try again");
    }
    LOG.log(Level.SEVERE, "unexpected failure", e);
    return ErrorResponses.of(500, "Internal error");
  }

  /** True when the JSON failure happened in a MessageBodyWriter, i.e. on the way out. */
  static boolean writing(Throwable t) {
    for (StackTraceElement frame : t.getStackTrace()) {
      if (frame.getMethodName().equals("writeTo") || frame.getMethodName().equals("toJson")) {
        return true;
      }
      if (frame.getMethodName().equals("readFrom") || frame.getMethodName().equals("fromJson")) {
        return false;
      }
    }
    return false;
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String m = root.getMessage();
    return m == null ? root.getClass().getSimpleName() : m;
  }
}
