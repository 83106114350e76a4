package dev.cast2md.batch.entity;

/** How an episode of a backlog run ended; pending episodes have none yet. */
public enum ItemOutcome {
  /** A worker transcribed it. */
  TRANSCRIBED,
  /** The publisher's transcript was imported; no GPU needed. */
  PUBLISHER,
  /** Its job failed for good, was cancelled by an operator, or the episode was deleted. */
  FAILED,
  /** A stop cancelled its queued job; a restart queues it again. */
  WITHDRAWN;

  public String wire() {
    return name().toLowerCase();
  }

  public static ItemOutcome parse(String value) {
    return valueOf(value.trim().toUpperCase());
  }
}
