package dev.cast2md.pods.control;

import dev.cast2md.platform.control.Sql;
import dev.cast2md.pods.entity.PodRun;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The pod_run table: one row per pod, opened at creation, closed at termination. */
public final class PodRuns {
  static final String RUNNING = "running";
  static final String ENDED = "ended";
  private static final String COLUMNS =
      "id, instance_id, provider, pod_id, pod_name, gpu_type, gpu_price_hr, started_at, ended_at,"
          + " jobs_completed, audio_seconds, status, end_reason";

  private PodRuns() {}

  public static void open(
      Connection c,
      String instanceId,
      String provider,
      String podId,
      String podName,
      String gpuType,
      Double priceHr,
      Instant startedAt,
      Instant now)
      throws SQLException {
    Sql.insert(
        c,
        "INSERT INTO pod_run (instance_id, provider, pod_id, pod_name, gpu_type, gpu_price_hr,"
            + " started_at, status, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        instanceId,
        provider,
        podId,
        podName,
        gpuType == null ? "" : gpuType,
        priceHr,
        startedAt,
        RUNNING,
        now);
  }

  /** Counts a finished job against the pod whose node delivered it. */
  public static void jobDone(Connection c, String instanceId, double audioSeconds)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE pod_run SET jobs_completed = jobs_completed + 1,"
            + " audio_seconds = audio_seconds + ? WHERE instance_id = ? AND ended_at IS NULL",
        Math.max(0, audioSeconds),
        instanceId);
  }

  /** Closes the open run of this instance; a second close changes nothing. */
  public static boolean close(Connection c, String instanceId, String reason, Instant now)
      throws SQLException {
    return Sql.update(
            c,
            "UPDATE pod_run SET ended_at = ?, status = ?, end_reason = ?"
                + " WHERE instance_id = ? AND ended_at IS NULL",
            now,
            ENDED,
            reason.length() > 400 ? reason.substring(0, 400) : reason,
            instanceId)
        > 0;
  }

  public static Optional<PodRun> current(Connection c, String instanceId) throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT " + COLUMNS + " FROM pod_run WHERE instance_id = ? AND ended_at IS NULL",
        PodRuns::map,
        instanceId);
  }

  public static List<PodRun> openRuns(Connection c) throws SQLException {
    return Sql.query(
        c,
        "SELECT " + COLUMNS + " FROM pod_run WHERE ended_at IS NULL ORDER BY started_at",
        PodRuns::map);
  }

  public static List<PodRun> since(Connection c, Instant from) throws SQLException {
    return Sql.query(
        c,
        "SELECT " + COLUMNS + " FROM pod_run WHERE started_at >= ? ORDER BY started_at DESC",
        PodRuns::map,
        from);
  }

  /** Runs that were up at some time between {@code from} and {@code to}. */
  public static List<PodRun> overlapping(Connection c, Instant from, Instant to)
      throws SQLException {
    return Sql.query(
        c,
        "SELECT "
            + COLUMNS
            + " FROM pod_run WHERE started_at < ? AND (ended_at IS NULL OR ended_at > ?)"
            + " ORDER BY started_at",
        PodRuns::map,
        to,
        from);
  }

  private static PodRun map(ResultSet rs) throws SQLException {
    double price = rs.getDouble("gpu_price_hr");
    Double priceHr = rs.wasNull() ? null : price;
    return new PodRun(
        rs.getLong("id"),
        rs.getString("instance_id"),
        rs.getString("provider"),
        rs.getString("pod_id"),
        rs.getString("pod_name"),
        rs.getString("gpu_type"),
        priceHr,
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "ended_at"),
        rs.getInt("jobs_completed"),
        rs.getDouble("audio_seconds"),
        rs.getString("status"),
        rs.getString("end_reason"));
  }
}
