package dev.cast2md.batch.entity;

import java.util.List;

/**
 * What a refresh-feeds run polls.
 *
 * @param feeds these feeds; empty: every feed
 * @param parallelism feeds fetched at the same time (one partition each)
 */
public record RefreshParameters(List<Long> feeds, int parallelism) {
  public RefreshParameters {
    feeds = List.copyOf(feeds);
  }
}
