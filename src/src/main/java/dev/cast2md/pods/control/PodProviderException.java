package dev.cast2md.pods.control;

/** A provider call that did not work, sorted by what the caller should do about it. */
public class PodProviderException extends RuntimeException {

  /** What went wrong, as far as the lifecycle cares. */
  public enum Kind {
    /** This GPU type is not available now; another may be. */
    CAPACITY,
    /** The provider cannot be used now (auth, outage, circuit open); try later. */
    UNAVAILABLE,
    /** The request itself was refused; retrying will not help. */
    REFUSED
  }

  private final Kind kind;

  public PodProviderException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public PodProviderException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
