package dev.cast2md.queue.entity;

/** How a node's claim on a job ended; decides whether that node may still complete it. */
public enum ClaimOutcome {
  /** The node finished the job. */
  COMPLETED,
  /** The node reported a failure. */
  FAILED,
  /** The node gave the job back itself (shutdown); a later complete from it is refused. */
  RELEASED,
  /** The lease ran out (node silent); a late complete is still accepted. */
  LEASE_EXPIRED,
  /** The node's heartbeat no longer listed the job; a late complete is still accepted. */
  ORPHANED,
  /** An operator cancelled or reset the job. */
  REVOKED;

  public String wire() {
    return name().toLowerCase();
  }
}
