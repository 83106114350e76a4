package dev.cast2md.nodes.control;

import static dev.cast2md.nodes.control.NodeAccessException.Reason.CONFLICT;
import static dev.cast2md.nodes.control.NodeAccessException.Reason.FORBIDDEN;
import static dev.cast2md.nodes.control.NodeAccessException.Reason.INVALID;
import static dev.cast2md.nodes.control.NodeAccessException.Reason.NOT_FOUND;
import static dev.cast2md.nodes.control.NodeAccessException.Reason.UNAUTHENTICATED;

import dev.cast2md.feeds.control.EpisodeRepository;
import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.nodes.entity.Node;
import dev.cast2md.nodes.entity.NodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.protocol.ClaimResponse;
import dev.cast2md.protocol.CompleteRequest;
import dev.cast2md.protocol.FailRequest;
import dev.cast2md.protocol.HealthCheck;
import dev.cast2md.protocol.HealthReport;
import dev.cast2md.protocol.HeartbeatRequest;
import dev.cast2md.protocol.HeartbeatResponse;
import dev.cast2md.protocol.NodePaths;
import dev.cast2md.protocol.RegisterRequest;
import dev.cast2md.protocol.RegisterResponse;
import dev.cast2md.protocol.TerminationResponse;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.JobQueue.Delivery;
import dev.cast2md.queue.entity.ClaimedJob;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import dev.cast2md.transcripts.control.TranscriptRepository;
import dev.cast2md.transcripts.entity.Transcript;
import jakarta.json.bind.Jsonb;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The server side of the node protocol: who a node is, what it may do with which job. Wire
 * behaviour follows cast2md's nodes; the original's holes (open registration, unchecked ownership,
 * termination by name, plaintext keys) are closed.
 */
public class NodeProtocol {
  private static final Logger LOG = Logger.getLogger(NodeProtocol.class.getName());
  static final int MAX_NAME = 200;

  /** The answer to a delivery that completed its job (a retried one gets another). */
  public static final String COMPLETED = "Job completed successfully";

  private final Database db;
  private final JobQueue queue;
  private final Enrolment enrolment;
  private final ManagedPods pods;
  private final Jsonb jsonb;

  public NodeProtocol(
      Database db, JobQueue queue, Enrolment enrolment, ManagedPods pods, Jsonb jsonb) {
    this.db = db;
    this.queue = queue;
    this.enrolment = enrolment;
    this.pods = pods;
    this.jsonb = jsonb;
  }

  // ---- identity ----

  public RegisterResponse register(
      RegisterRequest request, String enrolmentKey, String setupToken) {
    if (request == null || blank(request.name())) {
      throw new NodeAccessException(INVALID, "Field 'name' is required");
    }
    if (request.name().length() > MAX_NAME) {
      throw new NodeAccessException(INVALID, "Field 'name' is longer than " + MAX_NAME);
    }
    return db.inTransaction(
        c -> {
          Instant now = queue.now();
          String podInstance = null;
          if (!blank(setupToken)) {
            podInstance = claimSetupToken(c, setupToken, now);
          } else if (!enrolment.acceptsKey(enrolmentKey) && !enrolment.openRegistration()) {
            throw new NodeAccessException(
                UNAUTHENTICATED,
                enrolmentKey == null
                    ? "Registration needs the X-Enrolment-Key header"
                    : "Invalid enrolment key");
          }
          String key = NodeKeys.newSecret();
          String name = request.name().trim();
          Optional<Node> reusable =
              podInstance == null ? NodeRepository.findOfflineByName(c, name) : Optional.empty();
          if (reusable.isPresent()) {
            NodeRepository.reuse(
                c,
                reusable.get().id(),
                request.url(),
                request.whisperModel(),
                request.whisperBackend(),
                NodeKeys.hash(key),
                now);
            LOG.info("node=" + reusable.get().id() + " event=re-registered name=" + name);
            return new RegisterResponse(
                reusable.get().id(),
                key,
                "Node '" + name + "' re-registered (reused existing entry)");
          }
          String id =
              NodeRepository.create(
                  c,
                  name,
                  request.url(),
                  request.whisperModel(),
                  request.whisperBackend(),
                  10,
                  NodeKeys.hash(key),
                  podInstance,
                  now);
          LOG.info(
              "node="
                  + id
                  + " event=registered name="
                  + name
                  + (podInstance == null ? "" : " pod=" + podInstance));
          return new RegisterResponse(id, key, "Node '" + name + "' registered successfully");
        });
  }

  /** A setup token is good for one registration, which binds the node to its pod. */
  private static String claimSetupToken(Connection c, String token, Instant now)
      throws SQLException {
    String hash = NodeKeys.hash(token);
    Optional<String> instance =
        Sql.queryOne(
            c,
            "SELECT instance_id FROM pod_setup_state WHERE setup_token_hash = ?"
                + " AND token_used_at IS NULL FOR UPDATE",
            rs -> rs.getString(1),
            hash);
    if (instance.isEmpty()) {
      throw new NodeAccessException(UNAUTHENTICATED, "Invalid or used setup token");
    }
    Sql.update(
        c,
        "UPDATE pod_setup_state SET token_used_at = ?, updated_at = ? WHERE instance_id = ?",
        now,
        now,
        instance.get());
    return instance.get();
  }

  /** The node named in the path, if the key is its own. */
  Node authenticate(Connection c, String nodeId, String key) throws SQLException {
    if (key == null) {
      throw new NodeAccessException(UNAUTHENTICATED, "Missing X-Transcriber-Key header");
    }
    Optional<String> hash = NodeRepository.keyHash(c, nodeId);
    if (hash.isEmpty()) {
      throw new NodeAccessException(NOT_FOUND, "Node not found");
    }
    if (!NodeKeys.matches(key, hash.get())) {
      throw new NodeAccessException(UNAUTHENTICATED, "Invalid API key for this node");
    }
    return NodeRepository.find(c, nodeId).orElseThrow();
  }

  /** The node the key belongs to. */
  Node authenticate(Connection c, String key) throws SQLException {
    if (key == null) {
      throw new NodeAccessException(UNAUTHENTICATED, "Missing X-Transcriber-Key header");
    }
    return NodeRepository.findByKey(c, key)
        .orElseThrow(() -> new NodeAccessException(UNAUTHENTICATED, "Invalid API key"));
  }

  /** The job, locked, if it belongs to the node the key authenticates. */
  private OwnedJob ownedJob(Connection c, String key, long jobId) throws SQLException {
    Node node = authenticate(c, key);
    Job job =
        queue.lock(c, jobId).orElseThrow(() -> new NodeAccessException(NOT_FOUND, "Job not found"));
    return new OwnedJob(node, job);
  }

  private record OwnedJob(Node node, Job job) {
    OwnedJob requireHeld() {
      if (!job.isHeldBy(node.id())) {
        throw new NodeAccessException(FORBIDDEN, "Job not assigned to this node");
      }
      return this;
    }
  }

  // ---- liveness ----

  public HeartbeatResponse heartbeat(String nodeId, String key, HeartbeatRequest request) {
    HeartbeatRequest hb =
        request == null ? new HeartbeatRequest(null, null, null, null, null) : request;
    if (hb.name() != null && hb.name().length() > MAX_NAME) {
      throw new NodeAccessException(INVALID, "Field 'name' is longer than " + MAX_NAME);
    }
    return db.inTransaction(
        c -> {
          Node node = authenticate(c, nodeId, key);
          Instant now = queue.now();
          NodeStatus status = node.status();
          if (status == NodeStatus.OFFLINE) {
            status = hb.currentJobId() != null ? NodeStatus.BUSY : NodeStatus.ONLINE;
          }
          NodeRepository.recordHeartbeat(
              c,
              nodeId,
              emptyToNull(hb.name()),
              emptyToNull(hb.whisperModel()),
              emptyToNull(hb.whisperBackend()),
              status,
              hb.currentJobId(),
              now);
          if (hb.health() != null && hb.health().status() != null) {
            String verdict = "DOWN".equalsIgnoreCase(hb.health().status()) ? "DOWN" : "UP";
            NodeRepository.recordHealth(c, nodeId, verdict, failing(hb.health()), now);
          }
          Set<Long> held = new HashSet<>();
          if (hb.claimedJobIds() != null) {
            hb.claimedJobIds().stream().filter(id -> id != null).forEach(held::add);
          }
          if (hb.currentJobId() != null) {
            held.add(hb.currentJobId());
          }
          for (long id : held) {
            queue.resync(c, id, nodeId);
          }
          queue.renewLeases(c, nodeId);
          List<Long> released = new ArrayList<>();
          if (hb.claimedJobIds() != null) {
            // a heartbeat built before a claim may arrive after it: only claims older than the
            // grace (heartbeat interval + request timeout) can be judged lost
            Instant cutoff = now.minus(queue.policy().orphanGrace());
            released.addAll(queue.releaseOrphans(c, nodeId, held, cutoff));
            for (long id : held) {
              Optional<Job> job = queue.find(c, id);
              if (job.isPresent() && !job.get().isHeldBy(nodeId) && !released.contains(id)) {
                released.add(id); // cancelled or given to someone else: the node should drop it
              }
            }
            if (!released.isEmpty()) {
              LOG.info("node=" + nodeId + " event=heartbeat-released jobs=" + released);
            }
          }
          return new HeartbeatResponse("ok", "Heartbeat received", released);
        });
  }

  // ---- work ----

  public ClaimResponse claim(String nodeId, String key) {
    db.inTransaction(
        c -> {
          Node node = authenticate(c, nodeId, key);
          NodeRepository.touch(
              c,
              node.id(),
              node.status() == NodeStatus.OFFLINE ? NodeStatus.ONLINE : node.status(),
              queue.now());
          return null;
        });
    Optional<ClaimedJob> claimed = queue.claim(nodeId, JobType.TRANSCRIBE);
    if (claimed.isEmpty()) {
      return ClaimResponse.none();
    }
    ClaimedJob cj = claimed.get();
    db.inTransaction(
        c -> {
          NodeRepository.setStatus(c, nodeId, NodeStatus.BUSY, cj.job().id(), queue.now());
          return null;
        });
    LOG.info("job=" + cj.job().id() + " node=" + nodeId + " event=claimed");
    return new ClaimResponse(
        cj.job().id(),
        cj.job().episodeId(),
        cj.episodeTitle(),
        NodePaths.audio(cj.job().id()),
        true,
        cj.enclosureUrl(),
        cj.durationSeconds(),
        cj.job().leaseExpiresAt() == null ? null : cj.job().leaseExpiresAt().toString());
  }

  /** The episode whose audio the node may fetch; fetching it counts as work started. */
  public Episode audioFor(String key, long jobId) {
    return db.inTransaction(
        c -> {
          OwnedJob owned = ownedJob(c, key, jobId).requireHeld();
          queue.markWorkStarted(c, jobId);
          return EpisodeRepository.find(c, owned.job().episodeId())
              .orElseThrow(() -> new NodeAccessException(NOT_FOUND, "Episode not found"));
        });
  }

  public void progress(String key, long jobId, Integer percent) {
    if (percent == null || percent < 0 || percent > 100) {
      throw new NodeAccessException(INVALID, "Field 'progress_percent' must be 0 to 100");
    }
    db.inTransaction(
        c -> {
          OwnedJob owned = ownedJob(c, key, jobId).requireHeld();
          queue.progress(c, owned.job(), percent);
          return null;
        });
  }

  /** Stores a finished transcript. Idempotent for the node that delivered it. */
  public String complete(String key, long jobId, CompleteRequest result) {
    if (result == null || blank(result.transcriptText())) {
      throw new NodeAccessException(INVALID, "Field 'transcript_text' is required");
    }
    if (result.segments() != null) {
      for (var s : result.segments()) {
        if (s == null
            || s.start() == null
            || s.end() == null
            || s.start() < 0
            || s.end() < s.start()) {
          throw new NodeAccessException(INVALID, "Every segment needs 0 <= start <= end (seconds)");
        }
      }
    }
    return db.inTransaction(
        c -> {
          OwnedJob owned = ownedJob(c, key, jobId);
          Job job = owned.job();
          if (job.type() != JobType.TRANSCRIBE) {
            throw new NodeAccessException(CONFLICT, "Job is not a transcription job");
          }
          Delivery delivery = queue.judgeDelivery(c, job, owned.node().id());
          switch (delivery) {
            case NOT_ASSIGNED ->
                throw new NodeAccessException(FORBIDDEN, "Job not assigned to this node");
            case CANCELLED -> throw new NodeAccessException(CONFLICT, "Job was cancelled");
            case ALREADY_COMPLETE -> {
              return "Job already completed";
            }
            case ACCEPT -> {}
          }
          Instant now = queue.now();
          String model = blank(result.whisperModel()) ? "unknown" : result.whisperModel();
          String source =
              blank(owned.node().whisperBackend()) ? "node" : owned.node().whisperBackend();
          TranscriptRepository.save(
              c,
              new Transcript(
                  job.episodeId(),
                  result.transcriptText(),
                  result.segments() == null ? null : jsonb.toJson(result.segments()),
                  model,
                  source,
                  result.language(),
                  now,
                  now),
              now);
          queue.complete(c, job, owned.node().id());
          if (owned.node().podInstanceId() != null) {
            pods.jobCompleted(c, owned.node().podInstanceId(), audioSeconds(c, job, result));
          }
          releaseNodeFrom(c, owned.node(), jobId, now);
          LOG.info("job=" + jobId + " node=" + owned.node().id() + " event=completed");
          return COMPLETED;
        });
  }

  public JobStatus fail(String key, long jobId, FailRequest failure) {
    String message =
        failure == null || blank(failure.errorMessage())
            ? "Transcription failed (no reason given)"
            : failure.errorMessage();
    boolean retry = failure == null || failure.retryable();
    return db.inTransaction(
        c -> {
          OwnedJob owned = ownedJob(c, key, jobId).requireHeld();
          JobStatus after = queue.fail(c, owned.job(), owned.node().id(), message, retry);
          releaseNodeFrom(c, owned.node(), jobId, queue.now());
          LOG.info(
              "job="
                  + jobId
                  + " node="
                  + owned.node().id()
                  + " event=failed retry="
                  + retry
                  + " now="
                  + after.wire());
          return after;
        });
  }

  public JobStatus release(String key, long jobId) {
    return db.inTransaction(
        c -> {
          OwnedJob owned = ownedJob(c, key, jobId).requireHeld();
          JobStatus after = queue.release(c, owned.job(), owned.node().id());
          releaseNodeFrom(c, owned.node(), jobId, queue.now());
          LOG.info("job=" + jobId + " node=" + owned.node().id() + " event=released");
          return after;
        });
  }

  /** A node that decided to stop asks for its pod to be ended; only its own pod, by binding. */
  public TerminationResponse requestTermination(String nodeId, String key) {
    Node node = db.inTransaction(c -> authenticate(c, nodeId, key));
    if (node.podInstanceId() == null) {
      return new TerminationResponse(
          "ignored", "Not a server-managed pod node, termination not applicable", false);
    }
    db.inTransaction(
        c -> {
          for (Job job : queue.heldBy(c, nodeId)) {
            queue.release(c, job, nodeId);
          }
          NodeRepository.setStatus(c, nodeId, NodeStatus.OFFLINE, null, queue.now());
          return null;
        });
    LOG.info("node=" + nodeId + " event=termination-requested pod=" + node.podInstanceId());
    return pods.terminate(node.podInstanceId(), nodeId);
  }

  /** The checks a node reports DOWN, for the operator: "engine: CUDA error 35; disk". */
  private static String failing(HealthReport report) {
    if (report.checks() == null) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (HealthCheck check : report.checks()) {
      if (check != null && "DOWN".equalsIgnoreCase(check.status())) {
        Object error = check.data() == null ? null : check.data().get("error");
        b.append(b.length() == 0 ? "" : "; ")
            .append(check.name())
            .append(error == null ? "" : ": " + error);
      }
    }
    return b.length() == 0 ? null : b.toString();
  }

  /** The episode's length when the feed gave it, else where the last segment ends. */
  private static double audioSeconds(Connection c, Job job, CompleteRequest result)
      throws SQLException {
    long duration =
        Sql.count(
            c, "SELECT COALESCE(duration_seconds, 0) FROM episode WHERE id = ?", job.episodeId());
    if (duration > 0) {
      return duration;
    }
    double end = 0;
    if (result.segments() != null) {
      for (var s : result.segments()) {
        end = Math.max(end, s.end());
      }
    }
    return end;
  }

  private static void releaseNodeFrom(Connection c, Node node, long jobId, Instant now)
      throws SQLException {
    if (node.currentJobId() == null || node.currentJobId() == jobId) {
      NodeRepository.setStatus(c, node.id(), NodeStatus.ONLINE, null, now);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static String emptyToNull(String s) {
    return blank(s) ? null : s;
  }
}
