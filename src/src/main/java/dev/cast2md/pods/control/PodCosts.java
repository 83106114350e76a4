package dev.cast2md.pods.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.pods.entity.PodRun;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What pods cost: per run, per day (UTC) and per hour of audio transcribed. */
public class PodCosts {
  private final Database db;

  public PodCosts(Database db) {
    this.db = db;
  }

  /** Totals over a window, rounded for showing: dollars to 4 places, hours to 3. */
  public record Summary(
      int days,
      int runs,
      int jobs,
      double podHours,
      double cost,
      double audioHours,
      Double costPerAudioHour,
      List<DayCost> perDay) {}

  /** One UTC day of pod spending. */
  public record DayCost(String day, double cost, double audioHours) {}

  public List<PodRun> recent(Instant now, int limit) {
    List<PodRun> runs = db.inTransaction(c -> PodRuns.since(c, now.minus(30, ChronoUnit.DAYS)));
    return runs.size() <= limit ? runs : runs.subList(0, limit);
  }

  public Summary summarize(Instant now, int days) {
    List<PodRun> runs = db.inTransaction(c -> PodRuns.since(c, now.minus(days, ChronoUnit.DAYS)));
    int jobs = 0;
    double hours = 0;
    double cost = 0;
    double audio = 0;
    Map<LocalDate, double[]> perDay = new TreeMap<>();
    for (PodRun r : runs) {
      jobs += r.jobsCompleted();
      hours += r.billed(now).toMillis() / 3_600_000.0;
      Double c = r.cost(now);
      double runCost = c == null ? 0 : c;
      cost += runCost;
      audio += r.audioSeconds() / 3600.0;
      double[] day =
          perDay.computeIfAbsent(
              r.startedAt().atZone(ZoneOffset.UTC).toLocalDate(), d -> new double[2]);
      day[0] += runCost;
      day[1] += r.audioSeconds() / 3600.0;
    }
    return new Summary(
        days,
        runs.size(),
        jobs,
        round(hours, 3),
        round(cost, 4),
        round(audio, 3),
        audio > 0 ? round(cost / audio, 4) : null,
        perDay.entrySet().stream()
            .map(
                e ->
                    new DayCost(
                        e.getKey().toString(),
                        round(e.getValue()[0], 4),
                        round(e.getValue()[1], 3)))
            .toList());
  }

  public static double round(double v, int places) {
    double f = Math.pow(10, places);
    return Math.round(v * f) / f;
  }
}
