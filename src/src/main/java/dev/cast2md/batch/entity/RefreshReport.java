package dev.cast2md.batch.entity;

import java.util.List;

/** What a refresh-feeds run did, and the feeds that failed with their errors. */
public record RefreshReport(
    long feeds,
    long refreshed,
    long notModified,
    long failed,
    long newEpisodes,
    List<FeedError> errors,
    String finishedAt) {

  /** A feed whose poll failed. */
  public record FeedError(long feedId, String error) {}
}
