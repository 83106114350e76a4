package dev.cast2md.nodes.control;

/** A node request that is refused; the boundary turns the reason into its HTTP status. */
public class NodeAccessException extends RuntimeException {

  /** Why a request is refused. */
  public enum Reason {
    UNAUTHENTICATED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    INVALID(422);

    public final int status;

    Reason(int status) {
      this.status = status;
    }
  }

  private final Reason reason;

  public NodeAccessException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
