package dev.cast2md.batch.control;

import dev.cast2md.batch.entity.Candidate;
import dev.cast2md.batch.entity.FailedEpisode;
import dev.cast2md.batch.entity.ItemOutcome;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.EnqueueResult;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The episodes of one backlog job instance (all its executions) and the queue jobs doing them.
 * Recording a chunk queues its jobs in the same transaction, and an episode is recorded once per
 * instance, so a chunk that is processed again after a restart queues nothing twice. Outcomes are
 * settled from the jobs as they finish.
 */
public class BacklogItems {
  static final int PAGE = 500;

  private final Database db;
  private final JobQueue queue;
  private final Clock clock;

  public BacklogItems(Database db, JobQueue queue, Clock clock) {
    this.db = db;
    this.queue = queue;
    this.clock = clock;
  }

  /** Where selection resumes: the highest episode id recorded, and how many are recorded. */
  public record ResumePoint(long lastEpisodeId, long count) {}

  public ResumePoint resumePoint(long instanceId) {
    return db.inTransaction(
        c ->
            Sql.queryOne(
                    c,
                    "SELECT COALESCE(MAX(episode_id), 0), COUNT(*) FROM batch_item"
                        + " WHERE instance_id = ?",
                    rs -> new ResumePoint(rs.getLong(1), rs.getLong(2)),
                    instanceId)
                .orElse(new ResumePoint(0, 0)));
  }

  /**
   * Queues a transcription (or, publisher first, a transcript download) for every candidate not yet
   * recorded for the instance, and records them. An episode that already has an active job of the
   * kind keeps it (the run adopts it and will not withdraw it on a stop).
   *
   * @return how many episodes were recorded now
   */
  public int record(long instanceId, List<Candidate> chunk, int priority) {
    if (chunk.isEmpty()) {
      return 0;
    }
    return db.inTransaction(
        c -> {
          List<Long> ids = chunk.stream().map(Candidate::episodeId).toList();
          Set<Long> known = new HashSet<>();
          Object[] params = new Object[ids.size() + 1];
          params[0] = instanceId;
          for (int i = 0; i < ids.size(); i++) {
            params[i + 1] = ids.get(i);
          }
          Sql.query(
              c,
              "SELECT episode_id FROM batch_item WHERE instance_id = ? AND episode_id IN ("
                  + Sql.placeholders(ids.size())
                  + ")",
              rs -> known.add(rs.getLong(1)),
              params);
          List<Long> publisherFirst = new ArrayList<>();
          List<Long> transcribe = new ArrayList<>();
          for (Candidate candidate : chunk) {
            if (!known.contains(candidate.episodeId())) {
              (candidate.publisherFirst() ? publisherFirst : transcribe).add(candidate.episodeId());
            }
          }
          // an episode whose transcription is already queued is not asked of its publisher again
          Map<Long, Long> alreadyTranscribing =
              JobQueue.activeJobIds(c, publisherFirst, JobType.TRANSCRIBE);
          publisherFirst.removeAll(alreadyTranscribing.keySet());
          transcribe.addAll(alreadyTranscribing.keySet());

          Map<Long, EnqueueResult> downloads =
              queue.enqueueAll(c, publisherFirst, JobType.TRANSCRIPT_DOWNLOAD, priority);
          Map<Long, EnqueueResult> transcriptions =
              queue.enqueueAll(c, transcribe, JobType.TRANSCRIBE, priority);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO batch_item (instance_id, episode_id, job_id, job_type, created)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            add(ps, instanceId, downloads, JobType.TRANSCRIPT_DOWNLOAD);
            add(ps, instanceId, transcriptions, JobType.TRANSCRIBE);
            ps.executeBatch();
          }
          return downloads.size() + transcriptions.size();
        });
  }

  private static void add(
      PreparedStatement ps, long instanceId, Map<Long, EnqueueResult> jobs, JobType type)
      throws SQLException {
    for (Map.Entry<Long, EnqueueResult> e : jobs.entrySet()) {
      Sql.bind(ps, instanceId, e.getKey(), e.getValue().jobId(), type, e.getValue().created());
      ps.addBatch();
    }
  }

  private record Finished(
      long episodeId,
      Long jobId,
      JobType type,
      JobStatus jobStatus,
      String error,
      EpisodeStatus episodeStatus,
      Integer durationSeconds) {}

  /**
   * Looks at the jobs of pending episodes that finished and records how each episode ended. A
   * publisher transcript that could not be had is followed by a transcription, so that the run
   * still delivers the episode.
   *
   * @return how many episodes got an outcome
   */
  public int settle(long instanceId, int priority) {
    int settled = 0;
    long after = 0;
    while (true) {
      long cursor = after;
      List<Finished> page =
          db.inTransaction(
              c ->
                  Sql.query(
                      c,
                      "SELECT b.episode_id, b.job_id, b.job_type, j.status AS job_status,"
                          + " j.error_message, e.status AS episode_status, e.duration_seconds"
                          + " FROM batch_item b LEFT JOIN job j ON j.id = b.job_id"
                          + " LEFT JOIN episode e ON e.id = b.episode_id"
                          + " WHERE b.instance_id = ? AND b.outcome IS NULL AND b.episode_id > ?"
                          + " AND (j.id IS NULL OR e.id IS NULL"
                          + " OR j.status IN ('completed', 'failed', 'cancelled'))"
                          + " ORDER BY b.episode_id LIMIT "
                          + PAGE,
                      rs -> {
                        String js = rs.getString("job_status");
                        String es = rs.getString("episode_status");
                        return new Finished(
                            rs.getLong("episode_id"),
                            Sql.nullableLong(rs, "job_id"),
                            JobType.parse(rs.getString("job_type")),
                            js == null ? null : JobStatus.parse(js),
                            rs.getString("error_message"),
                            es == null ? null : EpisodeStatus.parse(es),
                            Sql.nullableInt(rs, "duration_seconds"));
                      },
                      instanceId,
                      cursor));
      if (page.isEmpty()) {
        return settled;
      }
      settled += db.inTransaction(c -> settlePage(c, instanceId, page, priority));
      after = page.get(page.size() - 1).episodeId();
      if (page.size() < PAGE) {
        return settled;
      }
    }
  }

  private int settlePage(Connection c, long instanceId, List<Finished> page, int priority)
      throws SQLException {
    int settled = 0;
    Instant now = clock.instant();
    for (Finished f : page) {
      if (f.episodeStatus() == null || f.jobStatus() == null) {
        finish(c, instanceId, f.episodeId(), ItemOutcome.FAILED, "episode deleted", null, now);
        settled++;
      } else if (f.type() == JobType.TRANSCRIBE) {
        if (f.jobStatus() == JobStatus.COMPLETED) {
          finish(
              c, instanceId, f.episodeId(), ItemOutcome.TRANSCRIBED, null, audioSeconds(c, f), now);
        } else {
          finish(c, instanceId, f.episodeId(), ItemOutcome.FAILED, reason(f), null, now);
        }
        settled++;
      } else if (f.jobStatus() == JobStatus.COMPLETED
          && f.episodeStatus() == EpisodeStatus.COMPLETED) {
        finish(c, instanceId, f.episodeId(), ItemOutcome.PUBLISHER, null, null, now);
        settled++;
      } else if (f.jobStatus() == JobStatus.CANCELLED) {
        finish(c, instanceId, f.episodeId(), ItemOutcome.FAILED, reason(f), null, now);
        settled++;
      } else {
        // no publisher transcript (now or at all): transcribe it instead
        EnqueueResult r = queue.enqueue(c, f.episodeId(), JobType.TRANSCRIBE, priority);
        Sql.update(
            c,
            "UPDATE batch_item SET job_id = ?, job_type = ?, created = TRUE"
                + " WHERE instance_id = ? AND episode_id = ?",
            r.jobId(),
            JobType.TRANSCRIBE,
            instanceId,
            f.episodeId());
      }
    }
    return settled;
  }

  private static String reason(Finished f) {
    if (f.error() != null && !f.error().isBlank()) {
      return f.error();
    }
    return f.jobStatus() == JobStatus.CANCELLED ? "cancelled" : "failed (no reason given)";
  }

  private static double audioSeconds(Connection c, Finished f) throws SQLException {
    if (f.durationSeconds() != null && f.durationSeconds() > 0) {
      return f.durationSeconds();
    }
    return Sql.queryOne(
            c,
            "SELECT segments_json FROM transcript WHERE episode_id = ?",
            rs -> AudioLength.ofSegments(Sql.text(rs, "segments_json")),
            f.episodeId())
        .orElse(0.0);
  }

  private static void finish(
      Connection c,
      long instanceId,
      long episodeId,
      ItemOutcome outcome,
      String reason,
      Double audioSeconds,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE batch_item SET outcome = ?, reason = ?, audio_seconds = ?, finished_at = ?"
            + " WHERE instance_id = ? AND episode_id = ?",
        outcome,
        reason == null || reason.length() <= 4000 ? reason : reason.substring(0, 4000),
        audioSeconds,
        now,
        instanceId,
        episodeId);
  }

  /** The reason a stop writes on the jobs it cancels; a restart recognises them by it. */
  static String withdrawnReason(long instanceId) {
    return "withdrawn: batch job instance " + instanceId + " was stopped";
  }

  /**
   * A stop: cancels the queued jobs that this run queued itself (running ones finish; jobs others
   * queued are left alone) and marks their episodes withdrawn. Two statements in one transaction,
   * however large the backlog.
   *
   * @return how many jobs were withdrawn
   */
  public int withdraw(long instanceId) {
    String reason = withdrawnReason(instanceId);
    return db.inTransaction(
        c -> {
          int jobs =
              queue.withdrawQueued(
                  c,
                  reason,
                  "SELECT job_id FROM batch_item WHERE instance_id = ? AND outcome IS NULL"
                      + " AND created = TRUE",
                  instanceId);
          Sql.update(
              c,
              "UPDATE batch_item SET outcome = ? WHERE instance_id = ? AND outcome IS NULL"
                  + " AND job_id IN (SELECT id FROM job WHERE status = 'cancelled'"
                  + " AND error_message = ?)",
              ItemOutcome.WITHDRAWN,
              instanceId,
              reason);
          return jobs;
        });
  }

  /**
   * A restart: queues again what a stop withdrew. An episode whose job is no longer the cancelled
   * one (an operator retried it meanwhile) just goes back to pending.
   *
   * @return how many episodes were queued again
   */
  public int resume(long instanceId, int priority) {
    String reason = withdrawnReason(instanceId);
    db.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE batch_item SET outcome = NULL WHERE instance_id = ? AND outcome = ?"
                    + " AND job_id NOT IN (SELECT id FROM job WHERE status = 'cancelled'"
                    + " AND error_message = ?)",
                instanceId,
                ItemOutcome.WITHDRAWN,
                reason));
    int resumed = 0;
    while (true) {
      int n =
          db.inTransaction(
              c -> {
                Map<JobType, List<Long>> byType = new LinkedHashMap<>();
                Sql.query(
                    c,
                    "SELECT episode_id, job_type FROM batch_item WHERE instance_id = ?"
                        + " AND outcome = ? ORDER BY episode_id LIMIT "
                        + PAGE,
                    rs ->
                        byType
                            .computeIfAbsent(JobType.parse(rs.getString(2)), t -> new ArrayList<>())
                            .add(rs.getLong(1)),
                    instanceId,
                    ItemOutcome.WITHDRAWN);
                int count = 0;
                for (Map.Entry<JobType, List<Long>> e : byType.entrySet()) {
                  Map<Long, EnqueueResult> jobs =
                      queue.enqueueAll(c, e.getValue(), e.getKey(), priority);
                  try (PreparedStatement ps =
                      c.prepareStatement(
                          "UPDATE batch_item SET job_id = ?, outcome = NULL, created = TRUE"
                              + " WHERE instance_id = ? AND episode_id = ?")) {
                    for (Map.Entry<Long, EnqueueResult> j : jobs.entrySet()) {
                      Sql.bind(ps, j.getValue().jobId(), instanceId, j.getKey());
                      ps.addBatch();
                    }
                    ps.executeBatch();
                  }
                  count += jobs.size();
                }
                return count;
              });
      resumed += n;
      if (n < PAGE) {
        return resumed;
      }
    }
  }

  /** How many episodes stand where; pending ones split by the state of their job. */
  public record Counts(
      long selected,
      long transcribed,
      long publisher,
      long failed,
      long withdrawn,
      long pending,
      long queued,
      long running,
      double audioSeconds) {}

  public Counts counts(long instanceId) {
    return db.inTransaction(
        c -> {
          Map<String, long[]> byOutcome = new LinkedHashMap<>();
          double[] audio = new double[1];
          Sql.query(
              c,
              "SELECT outcome, COUNT(*), COALESCE(SUM(audio_seconds), 0) FROM batch_item"
                  + " WHERE instance_id = ? GROUP BY outcome",
              rs -> {
                String outcome = rs.getString(1);
                byOutcome.put(outcome == null ? "pending" : outcome, new long[] {rs.getLong(2)});
                audio[0] += rs.getDouble(3);
                return null;
              },
              instanceId);
          Map<String, Long> pendingByJob = new LinkedHashMap<>();
          Sql.query(
              c,
              "SELECT j.status, COUNT(*) FROM batch_item b JOIN job j ON j.id = b.job_id"
                  + " WHERE b.instance_id = ? AND b.outcome IS NULL GROUP BY j.status",
              rs -> pendingByJob.put(rs.getString(1), rs.getLong(2)),
              instanceId);
          long total = byOutcome.values().stream().mapToLong(v -> v[0]).sum();
          return new Counts(
              total,
              get(byOutcome, ItemOutcome.TRANSCRIBED.wire()),
              get(byOutcome, ItemOutcome.PUBLISHER.wire()),
              get(byOutcome, ItemOutcome.FAILED.wire()),
              get(byOutcome, ItemOutcome.WITHDRAWN.wire()),
              get(byOutcome, "pending"),
              pendingByJob.getOrDefault(JobStatus.QUEUED.wire(), 0L),
              pendingByJob.getOrDefault(JobStatus.RUNNING.wire(), 0L),
              audio[0]);
        });
  }

  private static long get(Map<String, long[]> counts, String key) {
    long[] v = counts.get(key);
    return v == null ? 0 : v[0];
  }

  /** Episodes that got an outcome (not withdrawn) since the given time, for the rate. */
  public long finishedSince(long instanceId, Instant since) {
    return db.inTransaction(
        c ->
            Sql.count(
                c,
                "SELECT COUNT(*) FROM batch_item WHERE instance_id = ? AND finished_at >= ?"
                    + " AND outcome IN (?, ?, ?)",
                instanceId,
                since,
                ItemOutcome.TRANSCRIBED,
                ItemOutcome.PUBLISHER,
                ItemOutcome.FAILED));
  }

  /** The first failed episodes by id, with their titles and reasons. */
  public List<FailedEpisode> failures(long instanceId, int limit) {
    return db.inTransaction(
        c ->
            Sql.query(
                c,
                "SELECT b.episode_id, e.title, b.reason FROM batch_item b"
                    + " LEFT JOIN episode e ON e.id = b.episode_id"
                    + " WHERE b.instance_id = ? AND b.outcome = ? ORDER BY b.episode_id LIMIT ?",
                rs -> new FailedEpisode(rs.getLong(1), rs.getString(2), rs.getString(3)),
                instanceId,
                ItemOutcome.FAILED,
                limit));
  }

  /** How often each failure reason occurred, the most common first. */
  public Map<String, Long> failureReasons(long instanceId, int limit) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    db.inTransaction(
        c ->
            Sql.query(
                c,
                "SELECT COALESCE(reason, ''), COUNT(*) AS n FROM batch_item"
                    + " WHERE instance_id = ? AND outcome = ? GROUP BY COALESCE(reason, '')"
                    + " ORDER BY n DESC LIMIT ?",
                rs -> reasons.put(rs.getString(1), rs.getLong(2)),
                instanceId,
                ItemOutcome.FAILED,
                limit));
    return reasons;
  }
}
