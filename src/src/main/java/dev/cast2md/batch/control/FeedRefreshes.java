package dev.cast2md.batch.control;

import dev.cast2md.batch.entity.RefreshParameters;
import dev.cast2md.batch.entity.RefreshReport;
import dev.cast2md.feeds.control.Feeds;
import dev.cast2md.feeds.entity.Feed;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * Feed refreshes as a batch: the selected feeds dealt round-robin to partitions that poll in
 * parallel, each feed's outcome recorded per instance, so that a restarted run polls only the feeds
 * it has not done. New episodes are queued by the feeds' own transcript-first rule.
 */
public class FeedRefreshes {
  private static final Logger LOG = Logger.getLogger(FeedRefreshes.class.getName());
  static final int REPORTED_ERRORS = 100;

  private final Database db;
  private final Feeds feeds;
  private final Clock clock;

  public FeedRefreshes(Database db, Feeds feeds, Clock clock) {
    this.db = db;
    this.feeds = feeds;
    this.clock = clock;
  }

  /** The feeds a run refreshes, in id order: the requested ones that exist, or all. */
  public List<Long> selection(RefreshParameters p) {
    List<Long> all = new ArrayList<>(feeds.list().stream().map(Feed::id).sorted().toList());
    if (!p.feeds().isEmpty()) {
      all.retainAll(new HashSet<>(p.feeds()));
    }
    return all;
  }

  /** How many partitions to run: the parallelism, but no more than there are feeds (at least 1). */
  public static int partitions(int feedCount, int parallelism) {
    return Math.max(1, Math.min(feedCount, parallelism));
  }

  /** The share of one partition: every n-th feed of the selection. */
  public static List<Long> share(List<Long> selection, int partition, int partitions) {
    List<Long> mine = new ArrayList<>();
    for (int i = partition; i < selection.size(); i += partitions) {
      mine.add(selection.get(i));
    }
    return mine;
  }

  /**
   * Polls the feeds of the share not yet done in this instance, one after another, until done or
   * asked to stop; answers how many were polled.
   */
  public int refresh(long instanceId, List<Long> share, BooleanSupplier stopRequested) {
    Set<Long> done = done(instanceId);
    int polled = 0;
    for (long feedId : share) {
      if (stopRequested.getAsBoolean()) {
        break;
      }
      if (done.contains(feedId)) {
        continue;
      }
      String outcome;
      int found = 0;
      String error = null;
      try {
        Optional<Feeds.Refreshed> r = feeds.refresh(feedId);
        if (r.isEmpty()) {
          outcome = "gone";
        } else if (r.get().error() != null) {
          outcome = "failed";
          error = r.get().error();
        } else {
          outcome = r.get().notModified() ? "not_modified" : "refreshed";
          found = r.get().newEpisodes();
        }
      } catch (RuntimeException e) {
        // one broken feed must not end the run; the error is reported with the feed
        outcome = "failed";
        error = e.getMessage() == null ? e.toString() : e.getMessage();
        LOG.warning("event=batch-refresh-failed feed=" + feedId + " error=" + error);
      }
      record(instanceId, feedId, outcome, found, error);
      polled++;
    }
    return polled;
  }

  private Set<Long> done(long instanceId) {
    return new HashSet<>(
        db.inTransaction(
            c ->
                Sql.query(
                    c,
                    "SELECT feed_id FROM batch_feed WHERE instance_id = ?",
                    rs -> rs.getLong(1),
                    instanceId)));
  }

  private void record(long instanceId, long feedId, String outcome, int found, String error) {
    db.inTransaction(
        c ->
            Sql.update(
                c,
                "INSERT INTO batch_feed (instance_id, feed_id, outcome, new_episodes, error,"
                    + " finished_at) VALUES (?, ?, ?, ?, ?, ?)",
                instanceId,
                feedId,
                outcome,
                found,
                error == null || error.length() <= 4000 ? error : error.substring(0, 4000),
                clock.instant()));
  }

  /** The run so far (or in the end), as its report. */
  public RefreshReport report(long instanceId, long planned) {
    return db.inTransaction(
        c -> {
          long[] n = new long[4];
          Sql.query(
              c,
              "SELECT outcome, COUNT(*), COALESCE(SUM(new_episodes), 0) FROM batch_feed"
                  + " WHERE instance_id = ? GROUP BY outcome",
              rs -> {
                switch (rs.getString(1)) {
                  case "refreshed" -> n[0] += rs.getLong(2);
                  case "not_modified" -> n[1] += rs.getLong(2);
                  default -> n[2] += rs.getLong(2);
                }
                n[3] += rs.getLong(3);
                return null;
              },
              instanceId);
          List<RefreshReport.FeedError> errors =
              Sql.query(
                  c,
                  "SELECT feed_id, COALESCE(error, outcome) FROM batch_feed WHERE instance_id = ?"
                      + " AND outcome NOT IN ('refreshed', 'not_modified') ORDER BY feed_id"
                      + " LIMIT "
                      + REPORTED_ERRORS,
                  rs -> new RefreshReport.FeedError(rs.getLong(1), rs.getString(2)),
                  instanceId);
          return new RefreshReport(
              planned, n[0], n[1], n[2], n[3], errors, clock.instant().toString());
        });
  }
}
