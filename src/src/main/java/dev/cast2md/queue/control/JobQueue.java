package dev.cast2md.queue.control;

import dev.cast2md.platform.control.DataAccessException;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Dialect;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.entity.ClaimOutcome;
import dev.cast2md.queue.entity.ClaimedJob;
import dev.cast2md.queue.entity.EnqueueResult;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Owns every transition of a job: enqueue, claim, lease renewal, completion, failure, release and
 * reclaim. Each runs in one transaction; a claim cannot hand a job to two claimers.
 */
public class JobQueue {
  private static final Logger LOG = Logger.getLogger(JobQueue.class.getName());

  private static final String ELIGIBLE =
      "status = 'queued' AND job_type = ? AND attempts < max_attempts"
          + " AND (next_retry_at IS NULL OR next_retry_at <= ?)";
  private static final String CLAIM_ORDER = " ORDER BY priority, scheduled_at, id";
  private static final String TAKE =
      "UPDATE job SET status = 'running', assigned_node_id = ?, claimed_at = ?, started_at = ?,"
          + " lease_expires_at = ?, progress_percent = 0, work_started = FALSE, updated_at = ?";
  private static final int H2_CANDIDATES = 16;

  private final Database db;
  private final Clock clock;
  private final Supplier<QueuePolicy> policy;
  // H2 runs inside this JVM: serialising claims here spares the conditional updates from
  // waiting on each other's row locks; the WHERE status = 'queued' still decides.
  private final ReentrantLock h2ClaimLock = new ReentrantLock();

  public JobQueue(Database db, Clock clock, QueuePolicy policy) {
    this(db, clock, () -> policy);
  }

  /** With a policy that may change at runtime (operators' setting overrides). */
  public JobQueue(Database db, Clock clock, Supplier<QueuePolicy> policy) {
    this.db = db;
    this.clock = clock;
    this.policy = policy;
  }

  public QueuePolicy policy() {
    return policy.get();
  }

  public Instant now() {
    return clock.instant();
  }

  // ---- enqueue ----

  public EnqueueResult enqueue(long episodeId, JobType type, int priority) {
    return db.inTransaction(c -> enqueue(c, episodeId, type, priority));
  }

  /**
   * Queues a job unless the episode already has a queued or running one of that type; then the
   * existing job is returned and nothing changes.
   */
  public EnqueueResult enqueue(Connection c, long episodeId, JobType type, int priority)
      throws SQLException {
    Optional<Long> existing = activeJobId(c, episodeId, type);
    if (existing.isPresent()) {
      return new EnqueueResult(existing.get(), false);
    }
    Instant now = now();
    Savepoint savepoint = c.setSavepoint();
    try {
      long id =
          Sql.insert(
              c,
              "INSERT INTO job (episode_id, job_type, priority, status, attempts, max_attempts,"
                  + " scheduled_at, created_at, updated_at) VALUES (?, ?, ?, 'queued', 0, ?, ?, ?,"
                  + " ?)",
              episodeId,
              type,
              priority,
              policy().maxAttempts(),
              now,
              now,
              now);
      c.releaseSavepoint(savepoint);
      return new EnqueueResult(id, true);
    } catch (SQLException e) {
      if (!"23505".equals(e.getSQLState())) {
        throw e;
      }
      // another transaction queued the same job between our check and our insert
      c.rollback(savepoint);
      return new EnqueueResult(activeJobId(c, episodeId, type).orElseThrow(() -> e), false);
    }
  }

  /**
   * {@link #enqueue(Connection, long, JobType, int)} for many episodes at once, in a few statements
   * instead of three per episode: the active jobs are looked up together, the missing ones inserted
   * as one JDBC batch. If another transaction queues one of them meanwhile, the batch is rolled
   * back to a savepoint and the episodes are queued one by one, which settles every race the same
   * way.
   *
   * @return for every episode, its active job and whether this call created it
   */
  public Map<Long, EnqueueResult> enqueueAll(
      Connection c, Collection<Long> episodeIds, JobType type, int priority) throws SQLException {
    Map<Long, EnqueueResult> results = new LinkedHashMap<>();
    if (episodeIds.isEmpty()) {
      return results;
    }
    List<Long> ids = List.copyOf(new LinkedHashSet<>(episodeIds));
    Map<Long, Long> active = activeJobIds(c, ids, type);
    List<Long> missing = new ArrayList<>();
    for (long id : ids) {
      Long existing = active.get(id);
      if (existing == null) {
        missing.add(id);
      } else {
        results.put(id, new EnqueueResult(existing, false));
      }
    }
    if (missing.isEmpty()) {
      return results;
    }
    Instant now = now();
    int maxAttempts = policy().maxAttempts();
    Savepoint savepoint = c.setSavepoint();
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO job (episode_id, job_type, priority, status, attempts, max_attempts,"
                + " scheduled_at, created_at, updated_at) VALUES (?, ?, ?, 'queued', 0, ?, ?, ?,"
                + " ?)")) {
      for (long id : missing) {
        Sql.bind(ps, id, type, priority, maxAttempts, now, now, now);
        ps.addBatch();
      }
      ps.executeBatch();
      c.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      if (!isUniqueViolation(e)) {
        throw e;
      }
      c.rollback(savepoint);
      for (long id : missing) {
        results.put(id, enqueue(c, id, type, priority));
      }
      return results;
    }
    activeJobIds(c, missing, type)
        .forEach((episode, job) -> results.put(episode, new EnqueueResult(job, true)));
    return results;
  }

  private static boolean isUniqueViolation(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      if ("23505".equals(s.getSQLState())) {
        return true;
      }
    }
    return e instanceof BatchUpdateException b
        && b.getCause() instanceof SQLException cause
        && "23505".equals(cause.getSQLState());
  }

  /** The active (queued or running) job of each of the episodes that has one: episode to job. */
  public static Map<Long, Long> activeJobIds(Connection c, List<Long> episodeIds, JobType type)
      throws SQLException {
    Map<Long, Long> active = new HashMap<>();
    if (episodeIds.isEmpty()) {
      return active;
    }
    Object[] params = new Object[episodeIds.size() + 1];
    params[0] = type;
    for (int i = 0; i < episodeIds.size(); i++) {
      params[i + 1] = episodeIds.get(i);
    }
    Sql.query(
        c,
        "SELECT episode_id, id FROM job WHERE job_type = ? AND status IN ('queued', 'running')"
            + " AND episode_id IN ("
            + Sql.placeholders(episodeIds.size())
            + ")",
        rs -> active.put(rs.getLong(1), rs.getLong(2)),
        params);
    return active;
  }

  /**
   * Cancels, with the given reason, every job of the list that nobody has claimed yet; a job that
   * is running or finished is left as it is. One statement, so that a stop withdraws a large
   * backlog at once; a claim racing with it either took the job first or finds it cancelled.
   *
   * @param jobIdsQuery a sub-select giving the job ids, e.g. of one batch
   * @return how many jobs were withdrawn
   */
  public int withdrawQueued(Connection c, String reason, String jobIdsQuery, Object... params)
      throws SQLException {
    Instant now = now();
    List<Object> all = new ArrayList<>(List.of(truncate(reason), now, now));
    all.addAll(java.util.Arrays.asList(params));
    return Sql.update(
        c,
        "UPDATE job SET status = 'cancelled', error_message = ?, completed_at = ?, updated_at = ?"
            + " WHERE status = 'queued' AND id IN ("
            + jobIdsQuery
            + ")",
        all.toArray());
  }

  private static Optional<Long> activeJobId(Connection c, long episodeId, JobType type)
      throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT id FROM job WHERE episode_id = ? AND job_type = ?"
            + " AND status IN ('queued', 'running')",
        rs -> rs.getLong(1),
        episodeId,
        type);
  }

  // ---- claim ----

  /** Hands the next eligible job of the type to the node, or nothing when none is due. */
  public Optional<ClaimedJob> claim(String nodeId, JobType type) {
    if (db.dialect() == Dialect.H2) {
      h2ClaimLock.lock();
      try {
        return db.inTransaction(c -> claimConditionally(c, nodeId, type));
      } finally {
        h2ClaimLock.unlock();
      }
    }
    return db.inTransaction(c -> claimSkipLocked(c, nodeId, type));
  }

  private Optional<ClaimedJob> claimSkipLocked(Connection c, String nodeId, JobType type)
      throws SQLException {
    Instant now = now();
    // one round trip takes the row and returns it; the claim record and the episode follow
    Optional<Job> taken =
        Sql.queryOne(
            c,
            TAKE
                + " WHERE id = (SELECT id FROM job WHERE "
                + ELIGIBLE
                + CLAIM_ORDER
                + " LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING "
                + JobRows.COLUMNS,
            JobRows::map,
            nodeId,
            now,
            now,
            now.plus(policy().lease()),
            now,
            type,
            now);
    if (taken.isEmpty()) {
      return Optional.empty();
    }
    Job job = taken.get();
    recordClaim(c, job.id(), nodeId, now);
    return Optional.of(
        EpisodeSideEffects.startedReturning(c, job, now).orElseGet(() -> withEpisode(c, job)));
  }

  private Optional<ClaimedJob> claimConditionally(Connection c, String nodeId, JobType type)
      throws SQLException {
    Instant now = now();
    List<Long> candidates =
        Sql.query(
            c,
            "SELECT id FROM job WHERE " + ELIGIBLE + CLAIM_ORDER + " LIMIT " + H2_CANDIDATES,
            rs -> rs.getLong(1),
            type,
            now);
    for (long id : candidates) {
      int taken =
          Sql.update(
              c,
              TAKE + " WHERE id = ? AND status = 'queued'",
              nodeId,
              now,
              now,
              now.plus(policy().lease()),
              now,
              id);
      if (taken == 1) {
        return Optional.of(afterClaim(c, id, nodeId, now));
      }
    }
    return Optional.empty();
  }

  private ClaimedJob afterClaim(Connection c, long jobId, String nodeId, Instant now)
      throws SQLException {
    recordClaim(c, jobId, nodeId, now);
    Job job = JobRows.find(c, jobId).orElseThrow();
    EpisodeSideEffects.started(c, job, now);
    return withEpisode(c, job);
  }

  private static void recordClaim(Connection c, long jobId, String nodeId, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "INSERT INTO job_claim (job_id, node_id, claimed_at) VALUES (?, ?, ?)",
        jobId,
        nodeId,
        now);
  }

  private static ClaimedJob withEpisode(Connection c, Job job) {
    try {
      return Sql.queryOne(
              c,
              "SELECT title, audio_url, duration_seconds FROM episode WHERE id = ?",
              EpisodeSideEffects.claimedWith(job),
              job.episodeId())
          .orElseThrow();
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  // ---- while a node works ----

  /** Counts an attempt the first time a claim shows real work (audio fetched, progress, result). */
  public void markWorkStarted(Connection c, long jobId) throws SQLException {
    Sql.update(
        c,
        "UPDATE job SET attempts = attempts + 1, work_started = TRUE, updated_at = ?"
            + " WHERE id = ? AND work_started = FALSE AND status = 'running'",
        now(),
        jobId);
  }

  /** Extends the lease of every job the node holds. */
  public int renewLeases(Connection c, String nodeId) throws SQLException {
    Instant now = now();
    return Sql.update(
        c,
        "UPDATE job SET lease_expires_at = ? WHERE assigned_node_id = ? AND status = 'running'",
        now.plus(policy().lease()),
        nodeId);
  }

  public void progress(Connection c, Job job, int percent) throws SQLException {
    Instant now = now();
    int clamped = Math.max(0, Math.min(100, percent));
    markWorkStarted(c, job.id());
    Sql.update(
        c,
        "UPDATE job SET progress_percent = ?, lease_expires_at = ?, updated_at = ? WHERE id = ?",
        clamped,
        now.plus(policy().lease()),
        now,
        job.id());
  }

  /**
   * A node reports working on a job the server no longer has it down for: one left unassigned, or
   * one taken back for silence that nobody has claimed since. It gets the job back instead of
   * someone transcribing the episode a second time.
   */
  public boolean resync(Connection c, long jobId, String nodeId) throws SQLException {
    Instant now = now();
    int n =
        Sql.update(
            c,
            "UPDATE job SET status = 'running', assigned_node_id = ?, claimed_at = ?,"
                + " started_at = COALESCE(started_at, ?), lease_expires_at = ?, updated_at = ?"
                + " WHERE id = ? AND ((status = 'running' AND assigned_node_id IS NULL)"
                + " OR (status = 'queued' AND EXISTS (SELECT 1 FROM job_claim k"
                + " WHERE k.job_id = job.id AND k.node_id = ?"
                + " AND k.outcome IN ('lease_expired', 'orphaned'))))",
            nodeId,
            now,
            now,
            now.plus(policy().lease()),
            now,
            jobId,
            nodeId);
    if (n == 1) {
      recordClaim(c, jobId, nodeId, now);
      LOG.info(() -> "job=" + jobId + " node=" + nodeId + " event=resync reassigned");
    }
    return n == 1;
  }

  /** The running jobs the node holds, locked. */
  public List<Job> heldBy(Connection c, String nodeId) throws SQLException {
    return Sql.query(
        c,
        "SELECT "
            + JobRows.COLUMNS
            + " FROM job WHERE assigned_node_id = ? AND status = 'running' FOR UPDATE",
        JobRows::map,
        nodeId);
  }

  // ---- endings ----

  /** Whether a node may deliver a result for a job, and what delivering it means. */
  public enum Delivery {
    /** The result is accepted and completes the job now. */
    ACCEPT,
    /** The job is already complete and this node worked on it: a retried upload. */
    ALREADY_COMPLETE,
    /** The node does not hold the job (never did, or gave it back itself). */
    NOT_ASSIGNED,
    /** An operator cancelled the job. */
    CANCELLED
  }

  /** Decides, with the job row locked, whether the node's result may complete it. */
  public Delivery judgeDelivery(Connection c, Job lockedJob, String nodeId) throws SQLException {
    if (lockedJob.status() == JobStatus.COMPLETED) {
      return hasClaimed(c, lockedJob.id(), nodeId)
          ? Delivery.ALREADY_COMPLETE
          : Delivery.NOT_ASSIGNED;
    }
    if (lockedJob.status() == JobStatus.CANCELLED) {
      return Delivery.CANCELLED;
    }
    if (lockedJob.isHeldBy(nodeId)) {
      return Delivery.ACCEPT;
    }
    Optional<String> lastOutcome = lastClaimOutcome(c, lockedJob.id(), nodeId);
    if (lastOutcome.isPresent()
        && (lastOutcome.get().equals(ClaimOutcome.LEASE_EXPIRED.wire())
            || lastOutcome.get().equals(ClaimOutcome.ORPHANED.wire()))) {
      return Delivery.ACCEPT; // taken away for silence, but nobody finished it: keep the work
    }
    return Delivery.NOT_ASSIGNED;
  }

  /** Completes a job whose delivery was judged {@link Delivery#ACCEPT}. */
  public void complete(Connection c, Job lockedJob, String nodeId) throws SQLException {
    Instant now = now();
    if (lockedJob.isHeldBy(nodeId)) {
      markWorkStarted(c, lockedJob.id());
    }
    Sql.update(
        c,
        "UPDATE job SET status = 'completed', completed_at = ?, progress_percent = 100,"
            + " assigned_node_id = ?, lease_expires_at = NULL, next_retry_at = NULL,"
            + " error_message = NULL, updated_at = ? WHERE id = ?",
        now,
        nodeId,
        now,
        lockedJob.id());
    endClaim(c, lockedJob.id(), nodeId, ClaimOutcome.COMPLETED, now);
    if (lockedJob.assignedNodeId() != null && !lockedJob.assignedNodeId().equals(nodeId)) {
      endClaim(c, lockedJob.id(), lockedJob.assignedNodeId(), ClaimOutcome.REVOKED, now);
    }
  }

  /**
   * Records a failure reported by the job's owner: back to the queue after a backoff while attempts
   * remain and the problem is not permanent, else failed for good.
   *
   * @return the job's status afterwards
   */
  public JobStatus fail(Connection c, Job lockedJob, String nodeId, String message, boolean retry)
      throws SQLException {
    Instant now = now();
    markWorkStarted(c, lockedJob.id());
    Job job = JobRows.find(c, lockedJob.id()).orElseThrow();
    endClaim(c, job.id(), nodeId, ClaimOutcome.FAILED, now);
    if (retry && job.attempts() < job.maxAttempts()) {
      Sql.update(
          c,
          "UPDATE job SET status = 'queued', error_message = ?, next_retry_at = ?,"
              + " assigned_node_id = NULL, claimed_at = NULL, started_at = NULL,"
              + " lease_expires_at = NULL, progress_percent = 0, updated_at = ? WHERE id = ?",
          truncate(message),
          now.plus(policy().backoffAfter(job.attempts())),
          now,
          job.id());
      EpisodeSideEffects.requeued(c, job, now);
      return JobStatus.QUEUED;
    }
    String finalMessage =
        retry ? "Max attempts exceeded (" + job.attempts() + "): " + message : message;
    finish(c, job, JobStatus.FAILED, finalMessage, now);
    EpisodeSideEffects.failed(c, job, truncate(message), !retry, now);
    return JobStatus.FAILED;
  }

  /**
   * The owner gives the job back (shutdown). A claim that never started work costs no attempt.
   *
   * @return the job's status afterwards
   */
  public JobStatus release(Connection c, Job lockedJob, String nodeId) throws SQLException {
    return requeue(c, lockedJob, nodeId, ClaimOutcome.RELEASED, "released by its node");
  }

  /** Returns to the queue the jobs of the node that its heartbeat no longer lists. */
  public List<Long> releaseOrphans(
      Connection c, String nodeId, Collection<Long> stillHeld, Instant claimedBefore)
      throws SQLException {
    List<Long> released = new ArrayList<>();
    for (Job job :
        Sql.query(
            c,
            "SELECT "
                + JobRows.COLUMNS
                + " FROM job WHERE assigned_node_id = ? AND status = 'running' AND claimed_at < ?"
                + " FOR UPDATE",
            JobRows::map,
            nodeId,
            claimedBefore)) {
      if (!stillHeld.contains(job.id())) {
        requeue(c, job, nodeId, ClaimOutcome.ORPHANED, "not held by its node any more");
        released.add(job.id());
      }
    }
    return released;
  }

  /** Requeues every job whose lease ran out; the coordinator calls this periodically. */
  public List<Long> reclaimExpiredLeases() {
    return db.inTransaction(
        c -> {
          Instant now = now();
          List<Long> reclaimed = new ArrayList<>();
          for (Job job :
              Sql.query(
                  c,
                  "SELECT "
                      + JobRows.COLUMNS
                      + " FROM job WHERE status = 'running' AND lease_expires_at < ? FOR UPDATE",
                  JobRows::map,
                  now)) {
            requeue(c, job, job.assignedNodeId(), ClaimOutcome.LEASE_EXPIRED, "lease expired");
            reclaimed.add(job.id());
            LOG.info(
                () ->
                    "job="
                        + job.id()
                        + " node="
                        + job.assignedNodeId()
                        + " event=lease-expired requeued");
          }
          return reclaimed;
        });
  }

  /**
   * After a server restart nobody could renew leases while it was down: give every running job a
   * fresh lease so that its node has a chance to heartbeat before it is taken away.
   */
  public int extendLeasesAfterRestart() {
    return db.inTransaction(
        c -> {
          Instant now = now();
          return Sql.update(
              c,
              "UPDATE job SET lease_expires_at = ? WHERE status = 'running'",
              now.plus(policy().lease()));
        });
  }

  private JobStatus requeue(
      Connection c, Job job, String nodeId, ClaimOutcome outcome, String reason)
      throws SQLException {
    Instant now = now();
    if (nodeId != null) {
      endClaim(c, job.id(), nodeId, outcome, now);
    }
    if (job.attempts() >= job.maxAttempts()) {
      String message = "Max attempts exceeded (" + job.attempts() + "), " + reason;
      finish(c, job, JobStatus.FAILED, message, now);
      EpisodeSideEffects.failed(c, job, message, false, now);
      return JobStatus.FAILED;
    }
    Sql.update(
        c,
        "UPDATE job SET status = 'queued', assigned_node_id = NULL, claimed_at = NULL,"
            + " started_at = NULL, lease_expires_at = NULL, progress_percent = 0,"
            + " work_started = FALSE, updated_at = ? WHERE id = ?",
        now,
        job.id());
    EpisodeSideEffects.requeued(c, job, now);
    return JobStatus.QUEUED;
  }

  private void finish(Connection c, Job job, JobStatus status, String message, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE job SET status = ?, error_message = ?, completed_at = ?, assigned_node_id = NULL,"
            + " lease_expires_at = NULL, next_retry_at = NULL, updated_at = ? WHERE id = ?",
        status,
        truncate(message),
        now,
        now,
        job.id());
  }

  private static void endClaim(
      Connection c, long jobId, String nodeId, ClaimOutcome outcome, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE job_claim SET ended_at = ?, outcome = ? WHERE job_id = ? AND node_id = ?"
            + " AND ended_at IS NULL",
        now,
        outcome,
        jobId,
        nodeId);
  }

  private static boolean hasClaimed(Connection c, long jobId, String nodeId) throws SQLException {
    return Sql.count(
            c, "SELECT COUNT(*) FROM job_claim WHERE job_id = ? AND node_id = ?", jobId, nodeId)
        > 0;
  }

  private static Optional<String> lastClaimOutcome(Connection c, long jobId, String nodeId)
      throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT outcome FROM job_claim WHERE job_id = ? AND node_id = ?"
            + " ORDER BY claimed_at DESC, id DESC",
        rs -> rs.getString(1),
        jobId,
        nodeId);
  }

  static String truncate(String message) {
    if (message == null) {
      return null;
    }
    return message.length() <= 4000 ? message : message.substring(0, 3997) + "...";
  }

  // ---- reads and operator actions ----

  public Optional<Job> find(long id) {
    return db.inTransaction(c -> JobRows.find(c, id));
  }

  public Optional<Job> find(Connection c, long id) throws SQLException {
    return JobRows.find(c, id);
  }

  public Optional<Job> lock(Connection c, long id) throws SQLException {
    return JobRows.lock(c, id);
  }

  /** Re-queues a failed or cancelled job with fresh attempts. */
  public Optional<Job> retry(long id) {
    return db.inTransaction(
        c -> {
          Optional<Job> job = JobRows.lock(c, id);
          if (job.isEmpty()) {
            return Optional.empty();
          }
          if (job.get().status() != JobStatus.FAILED && job.get().status() != JobStatus.CANCELLED) {
            throw new QueueConflictException(
                "Job "
                    + id
                    + " is "
                    + job.get().status().wire()
                    + "; only failed or cancelled"
                    + " jobs can be retried");
          }
          if (activeJobId(c, job.get().episodeId(), job.get().type()).isPresent()) {
            throw new QueueConflictException(
                "Episode "
                    + job.get().episodeId()
                    + " already has an active "
                    + job.get().type().wire()
                    + " job");
          }
          Instant now = now();
          Sql.update(
              c,
              "UPDATE job SET status = 'queued', attempts = 0, work_started = FALSE,"
                  + " error_message = NULL, next_retry_at = NULL, completed_at = NULL,"
                  + " assigned_node_id = NULL, claimed_at = NULL, started_at = NULL,"
                  + " lease_expires_at = NULL, progress_percent = 0, updated_at = ? WHERE id = ?",
              now,
              id);
          Job updated = JobRows.find(c, id).orElseThrow();
          EpisodeSideEffects.requeued(c, updated, now);
          return Optional.of(updated);
        });
  }

  /** Cancels a queued or running job; its node's result will be refused. */
  public Optional<Job> cancel(long id) {
    return db.inTransaction(
        c -> {
          Optional<Job> job = JobRows.lock(c, id);
          if (job.isEmpty()) {
            return Optional.empty();
          }
          if (!job.get().isActive()) {
            throw new QueueConflictException(
                "Job " + id + " is " + job.get().status().wire() + " and cannot be cancelled");
          }
          Instant now = now();
          if (job.get().assignedNodeId() != null) {
            endClaim(c, id, job.get().assignedNodeId(), ClaimOutcome.REVOKED, now);
          }
          finish(c, job.get(), JobStatus.CANCELLED, "cancelled by an operator", now);
          EpisodeSideEffects.requeued(c, job.get(), now);
          return JobRows.find(c, id);
        });
  }

  public Optional<Job> reprioritise(long id, int priority) {
    return db.inTransaction(
        c -> {
          int n =
              Sql.update(
                  c,
                  "UPDATE job SET priority = ?, updated_at = ? WHERE id = ?",
                  priority,
                  now(),
                  id);
          return n == 0 ? Optional.<Job>empty() : JobRows.find(c, id);
        });
  }

  /** Thrown when an operator action does not fit the job's state; answered as 409. */
  public static class QueueConflictException extends RuntimeException {
    public QueueConflictException(String message) {
      super(message);
    }
  }
}
