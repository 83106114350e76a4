package dev.cast2md.worker.node;

/**
 * A job that cannot be done here; {@code permanent} means no node could do it (audio gone,
 * undecodable), so it is failed with {@code retry: false}.
 */
public class JobFailure extends Exception {
  private final boolean permanent;

  public JobFailure(String message, boolean permanent, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
