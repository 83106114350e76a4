package dev.cast2md.queue.control;

import static dev.cast2md.platform.control.Sql.instant;

import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Reads job rows. */
final class JobRows {
  static final String COLUMNS =
      "id, episode_id, job_type, priority, status, attempts, max_attempts, work_started,"
          + " scheduled_at, started_at, completed_at, next_retry_at, error_message,"
          + " assigned_node_id, claimed_at, lease_expires_at, progress_percent, created_at,"
          + " updated_at";

  private JobRows() {}

  static Job map(ResultSet rs) throws SQLException {
    return new Job(
        rs.getLong("id"),
        rs.getLong("episode_id"),
        JobType.parse(rs.getString("job_type")),
        rs.getInt("priority"),
        JobStatus.parse(rs.getString("status")),
        rs.getInt("attempts"),
        rs.getInt("max_attempts"),
        rs.getBoolean("work_started"),
        instant(rs, "scheduled_at"),
        instant(rs, "started_at"),
        instant(rs, "completed_at"),
        instant(rs, "next_retry_at"),
        rs.getString("error_message"),
        rs.getString("assigned_node_id"),
        instant(rs, "claimed_at"),
        instant(rs, "lease_expires_at"),
        rs.getInt("progress_percent"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  static Optional<Job> find(Connection c, long id) throws SQLException {
    return Sql.queryOne(c, "SELECT " + COLUMNS + " FROM job WHERE id = ?", JobRows::map, id);
  }

  /** Reads the job and locks its row until the transaction ends. */
  static Optional<Job> lock(Connection c, long id) throws SQLException {
    return Sql.queryOne(
        c, "SELECT " + COLUMNS + " FROM job WHERE id = ? FOR UPDATE", JobRows::map, id);
  }
}
