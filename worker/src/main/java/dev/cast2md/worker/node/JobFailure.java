package dev.cast2md.worker.node;

/**
 * A job that cannot be done here; {@code permanent} means no node could do it (audio gone,
 * undecodable), so it is failed with {@code retry: false}; a full disk is this worker's problem and
 * never permanent.
 */
public class JobFailure extends Exception {
  private final boolean permanent;
  private final boolean diskFull;

  public JobFailure(String message, boolean permanent, Throwable cause) {
    this(message, permanent, false, cause);
  }

  private JobFailure(String message, boolean permanent, boolean diskFull, Throwable cause) {
    super(message, cause);
    this.permanent = permanent;
    this.diskFull = diskFull;
  }

  /** This worker's disk is full: not the episode's fault, so another worker may do the job. */
  public static JobFailure diskFull(String doing, Throwable cause) {
    return new JobFailure(
        "Worker disk full while " + doing + ": " + cause.getMessage(), false, true, cause);
  }

  public boolean diskFull() {
    return diskFull;
  }

  public boolean permanent() {
    return permanent;
  }
}
