package dev.cast2md.queue.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobFilter;
import dev.cast2md.queue.entity.JobPage;
import dev.cast2md.queue.entity.JobStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What operators see of the queue: filtered pages and counts. */
public class JobListing {
  private final Database db;

  public JobListing(Database db) {
    this.db = db;
  }

  public JobPage list(JobFilter filter, int limit, int offset) {
    List<Object> params = new ArrayList<>();
    StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    if (filter.status() != null) {
      where.append(" AND status = ?");
      params.add(filter.status());
    }
    if (filter.type() != null) {
      where.append(" AND job_type = ?");
      params.add(filter.type());
    }
    if (filter.episodeId() != null) {
      where.append(" AND episode_id = ?");
      params.add(filter.episodeId());
    }
    if (filter.nodeId() != null) {
      where.append(" AND assigned_node_id = ?");
      params.add(filter.nodeId());
    }
    // queued jobs in the order they will be claimed; everything else newest first
    String order =
        filter.status() == JobStatus.QUEUED
            ? " ORDER BY priority, scheduled_at, id"
            : " ORDER BY updated_at DESC, id DESC";
    return db.inTransaction(
        c -> {
          long total = Sql.count(c, "SELECT COUNT(*) FROM job" + where, params.toArray());
          List<Object> pageParams = new ArrayList<>(params);
          pageParams.add(limit);
          pageParams.add(offset);
          List<Job> jobs =
              Sql.query(
                  c,
                  "SELECT " + JobRows.COLUMNS + " FROM job" + where + order + " LIMIT ? OFFSET ?",
                  JobRows::map,
                  pageParams.toArray());
          return new JobPage(jobs, total, limit, offset);
        });
  }

  /** Jobs per status, every status present (zero when none). */
  public Map<String, Long> countsByStatus() {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (JobStatus s : JobStatus.values()) {
      counts.put(s.wire(), 0L);
    }
    db.inTransaction(
        c ->
            Sql.query(
                c,
                "SELECT status, COUNT(*) FROM job GROUP BY status",
                rs -> counts.put(rs.getString(1), rs.getLong(2))));
    return counts;
  }

  /** Jobs per type and status, e.g. {@code transcribe -> {queued -> 3}}. */
  public Map<String, Map<String, Long>> countsByTypeAndStatus() {
    Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
    db.inTransaction(
        c ->
            Sql.query(
                c,
                "SELECT job_type, status, COUNT(*) FROM job GROUP BY job_type, status"
                    + " ORDER BY job_type, status",
                rs ->
                    counts
                        .computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                        .put(rs.getString(2), rs.getLong(3))));
    return counts;
  }
}
