package dev.cast2md.worker.node;

/** Why the worker stopped, with the process exit code a supervisor or test can tell apart. */
public enum StopReason {
  /** SIGTERM/SIGINT: jobs released, no termination requested. */
  SIGNAL(0, false, "shutdown requested"),
  /**
   * The server no longer knows the node and it could not register again (no enrolment key or setup
   * token, or the server refused it): the same exit code as {@code start} when never registered.
   */
  NOT_REGISTERED(3, false, "node not registered with the server"),
  EMPTY_QUEUE(10, true, "queue empty on consecutive checks"),
  IDLE(11, true, "no job processed within the idle timeout"),
  SERVER_UNREACHABLE(12, true, "server unreachable"),
  FAILURES(13, true, "too many consecutive failures (circuit breaker)");

  private final int exitCode;
  private final boolean requestsTermination;
  private final String description;

  StopReason(int exitCode, boolean requestsTermination, String description) {
    this.exitCode = exitCode;
    this.requestsTermination = requestsTermination;
    this.description = description;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The pod asks the server to terminate it: it stopped on its own cost guard. */
  public boolean requestsTermination() {
    return requestsTermination;
  }

  public String description() {
    return description;
  }
}
