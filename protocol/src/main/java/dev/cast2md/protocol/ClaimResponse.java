package dev.cast2md.protocol;

/**
 * The answer to a claim. When {@code hasJob} is true, {@code jobId} and {@code audioUrl} (relative
 * to the server) are always set; {@code enclosureUrl} is the episode's original audio URL, which a
 * worker may fetch directly instead of through the server.
 */
public record ClaimResponse(
    Long jobId,
    Long episodeId,
    String episodeTitle,
    String audioUrl,
    Boolean hasJob,
    String enclosureUrl,
    Integer durationSeconds,
    String leaseExpiresAt) {

  public static ClaimResponse none() {
    return new ClaimResponse(null, null, null, "", false, null, null, null);
  }

  public boolean hasWork() {
    return Boolean.TRUE.equals(hasJob) && jobId != null;
  }
}
