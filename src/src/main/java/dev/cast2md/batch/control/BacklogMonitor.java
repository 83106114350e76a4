package dev.cast2md.batch.control;

import static dev.cast2md.pods.control.PodCosts.round;

import dev.cast2md.batch.entity.BacklogProgress;
import dev.cast2md.batch.entity.BacklogReport;
import dev.cast2md.batch.entity.TimeWindow;
import dev.cast2md.platform.control.Database;
import dev.cast2md.pods.control.PodRuns;
import dev.cast2md.pods.entity.PodRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Progress and the final report of a backlog run, from its recorded episodes and the pod runs of
 * its execution windows. The ETA comes from the pace of the last quarter hour of the current
 * execution.
 */
public class BacklogMonitor {
  static final Duration PACE_WINDOW = Duration.ofMinutes(15);
  static final int REPORTED_FAILURES = 100;
  static final int REPORTED_REASONS = 20;

  private final Database db;
  private final BacklogItems items;
  private final Clock clock;

  public BacklogMonitor(Database db, BacklogItems items, Clock clock) {
    this.db = db;
    this.items = items;
    this.clock = clock;
  }

  /**
   * @param windows the run's executions so far, the last one open while it runs
   */
  public BacklogProgress progress(long instanceId, List<TimeWindow> windows) {
    Instant now = clock.instant();
    BacklogItems.Counts counts = items.counts(instanceId);
    PodSpend spend = spend(windows, now);
    long remaining = counts.pending() + counts.withdrawn();
    double audioHours = counts.audioSeconds() / 3600.0;
    return new BacklogProgress(
        counts.selected(),
        counts.transcribed() + counts.publisher(),
        counts.transcribed(),
        counts.publisher(),
        counts.failed(),
        remaining,
        counts.queued(),
        counts.running(),
        counts.withdrawn(),
        round(audioHours, 3),
        eta(instanceId, windows, remaining, now),
        round(spend.podHours(), 3),
        round(spend.cost(), 4),
        audioHours > 0 ? round(spend.cost() / audioHours, 4) : null,
        spend.unpriced());
  }

  private Long eta(long instanceId, List<TimeWindow> windows, long remaining, Instant now) {
    if (remaining == 0) {
      return 0L;
    }
    if (windows.isEmpty() || windows.get(windows.size() - 1).end() != null) {
      return null; // nothing runs: no pace to speak of
    }
    Instant start = windows.get(windows.size() - 1).start();
    Instant since = start.isAfter(now.minus(PACE_WINDOW)) ? start : now.minus(PACE_WINDOW);
    long finished = items.finishedSince(instanceId, since);
    double seconds = Duration.between(since, now).toMillis() / 1000.0;
    if (finished == 0 || seconds <= 0) {
      return null;
    }
    return Math.round(remaining * seconds / finished);
  }

  public BacklogReport report(long instanceId, List<TimeWindow> windows) {
    Instant now = clock.instant();
    BacklogItems.Counts counts = items.counts(instanceId);
    PodSpend spend = spend(windows, now);
    double audioHours = counts.audioSeconds() / 3600.0;
    long active = windows.stream().mapToLong(w -> w.length(now).toSeconds()).sum();
    long wall =
        windows.isEmpty()
            ? 0
            : Duration.between(PodSpend.hull(windows, now).start(), now).toSeconds();
    return new BacklogReport(
        counts.selected(),
        counts.transcribed(),
        counts.publisher(),
        counts.failed(),
        counts.pending() + counts.withdrawn(),
        round(audioHours, 3),
        wall,
        active,
        round(spend.podHours(), 3),
        round(spend.cost(), 4),
        audioHours > 0 ? round(spend.cost() / audioHours, 4) : null,
        spend.unpriced(),
        items.failureReasons(instanceId, REPORTED_REASONS),
        items.failures(instanceId, REPORTED_FAILURES),
        now.toString());
  }

  private PodSpend spend(List<TimeWindow> windows, Instant now) {
    if (windows.isEmpty()) {
      return new PodSpend(0, 0, false);
    }
    TimeWindow hull = PodSpend.hull(windows, now);
    List<PodRun> runs =
        db.inTransaction(c -> PodRuns.overlapping(c, hull.start(), hull.endOr(now)));
    return PodSpend.of(runs, windows, now);
  }
}
