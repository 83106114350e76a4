package dev.cast2md.admin.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Transcription throughput for the dashboard: audio hours transcribed in each of the last 24 hours
 * (by the completion time of transcribe jobs and their episodes' durations).
 */
public final class Throughput {
  private Throughput() {}

  /** Audio hours completed per clock hour, oldest first; the last entry is the current hour. */
  public static double[] lastDay(Database db, Instant now) {
    Instant currentHour = now.truncatedTo(ChronoUnit.HOURS);
    Instant from = currentHour.minus(Duration.ofHours(23));
    record Done(Instant at, int seconds) {}
    List<Done> done =
        db.inTransaction(
            c ->
                Sql.query(
                    c,
                    "SELECT j.completed_at, e.duration_seconds FROM job j"
                        + " JOIN episode e ON e.id = j.episode_id"
                        + " WHERE j.job_type = 'transcribe' AND j.status = 'completed'"
                        + " AND j.completed_at >= ?",
                    rs -> new Done(Sql.instant(rs, "completed_at"), rs.getInt("duration_seconds")),
                    from));
    return buckets(
        done.stream().map(Done::at).toList(),
        done.stream().mapToInt(Done::seconds).boxed().toList(),
        from);
  }

  static double[] buckets(List<Instant> at, List<Integer> seconds, Instant from) {
    double[] hours = new double[24];
    for (int i = 0; i < at.size(); i++) {
      long slot = Duration.between(from, at.get(i)).toHours();
      if (at.get(i) != null && slot >= 0 && slot < 24) {
        hours[(int) slot] += seconds.get(i) / 3600.0;
      }
    }
    return hours;
  }

  /**
   * A bar chart as SVG. Built from numbers only, so it is safe to write into the page unescaped.
   */
  public static String svg(double[] values, int width, int height) {
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    StringBuilder b =
        new StringBuilder()
            .append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
            .append(width)
            .append("\" height=\"")
            .append(height)
            .append("\" role=\"img\" aria-label=\"audio hours per hour, last 24 hours\">");
    double bar = (double) width / values.length;
    for (int i = 0; i < values.length; i++) {
      double h = max == 0 ? 0 : values[i] / max * (height - 4);
      b.append(
          String.format(
              java.util.Locale.ROOT,
              "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"><title>%.2f h</title></rect>",
              i * bar + 1,
              height - h,
              bar - 2,
              h,
              values[i]));
    }
    return b.append("</svg>").toString();
  }
}
