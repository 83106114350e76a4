package dev.cast2md.batch.control;

import dev.cast2md.batch.entity.TimeWindow;
import dev.cast2md.pods.entity.PodRun;
import java.time.Instant;
import java.util.List;

/**
 * What pods cost while a run was executing: every pod run, for the part of its billed time that
 * falls inside the run's execution windows (the time between a stop and a restart is not the
 * run's).
 *
 * @param unpriced some pod ran without a known price; its time counts, its cost cannot
 */
public record PodSpend(double podHours, double cost, boolean unpriced) {

  public static PodSpend of(List<PodRun> runs, List<TimeWindow> windows, Instant now) {
    double seconds = 0;
    double cost = 0;
    boolean unpriced = false;
    for (PodRun run : runs) {
      Instant runEnd = run.endedAt() == null ? now : run.endedAt();
      double runSeconds = 0;
      for (TimeWindow w : windows) {
        Instant from = later(run.startedAt(), w.start());
        Instant to = earlier(runEnd, w.endOr(now));
        if (to.isAfter(from)) {
          runSeconds += (to.toEpochMilli() - from.toEpochMilli()) / 1000.0;
        }
      }
      if (runSeconds <= 0) {
        continue;
      }
      seconds += runSeconds;
      if (run.gpuPriceHr() == null) {
        unpriced = true;
      } else {
        cost += run.gpuPriceHr() * runSeconds / 3600.0;
      }
    }
    return new PodSpend(seconds / 3600.0, cost, unpriced);
  }

  /** The span that holds every window, for asking the database which runs may overlap. */
  static TimeWindow hull(List<TimeWindow> windows, Instant now) {
    Instant start = now;
    Instant end = Instant.EPOCH;
    for (TimeWindow w : windows) {
      start = earlier(start, w.start());
      end = later(end, w.endOr(now));
    }
    return new TimeWindow(start, end);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
