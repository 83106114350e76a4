package dev.cast2md.batch.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * One row per job instance (shared by its executions): what the run last said, how much it planned,
 * and its final report as JSON.
 */
public class BatchRuns {
  private final Database db;
  private final Clock clock;

  public BatchRuns(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** The stored state of a run. */
  public record Run(
      long instanceId, String jobName, Integer planned, String message, String reportJson) {}

  /** Creates the row on the first execution; a restart finds it there. */
  public void open(long instanceId, String jobName) {
    Instant now = clock.instant();
    db.inTransaction(
        c -> {
          if (find(c, instanceId).isEmpty()) {
            Sql.update(
                c,
                "INSERT INTO batch_run (instance_id, job_name, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?)",
                instanceId,
                jobName,
                now,
                now);
          }
          return null;
        });
  }

  public Optional<Run> find(long instanceId) {
    return db.inTransaction(c -> find(c, instanceId));
  }

  private static Optional<Run> find(java.sql.Connection c, long instanceId)
      throws java.sql.SQLException {
    return Sql.queryOne(
        c,
        "SELECT instance_id, job_name, planned, message, report_json FROM batch_run"
            + " WHERE instance_id = ?",
        rs ->
            new Run(
                rs.getLong(1),
                rs.getString(2),
                Sql.nullableInt(rs, "planned"),
                rs.getString(4),
                Sql.text(rs, "report_json")),
        instanceId);
  }

  public void message(long instanceId, String message) {
    update(instanceId, "message", message == null ? null : cap(message));
  }

  public void planned(long instanceId, int planned) {
    update(instanceId, "planned", planned);
  }

  public void report(long instanceId, String reportJson) {
    update(instanceId, "report_json", reportJson);
  }

  private void update(long instanceId, String column, Object value) {
    db.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE batch_run SET " + column + " = ?, updated_at = ? WHERE instance_id = ?",
                value,
                clock.instant(),
                instanceId));
  }

  private static String cap(String s) {
    return s.length() <= 4000 ? s : s.substring(0, 3997) + "...";
  }
}
