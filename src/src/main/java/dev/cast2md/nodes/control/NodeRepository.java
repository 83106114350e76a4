package dev.cast2md.nodes.control;

import static dev.cast2md.platform.control.Sql.instant;

import dev.cast2md.nodes.entity.Node;
import dev.cast2md.nodes.entity.NodeStatus;
import dev.cast2md.platform.control.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Node rows. */
public final class NodeRepository {
  private static final String COLUMNS =
      "id, name, url, whisper_model, whisper_backend, status, last_heartbeat, current_job_id,"
          + " priority, pod_instance_id, created_at, health_status, health_since";

  private NodeRepository() {}

  public static Optional<Node> find(Connection c, String id) throws SQLException {
    return Sql.queryOne(
        c, "SELECT " + COLUMNS + " FROM transcriber_node WHERE id = ?", NodeRepository::map, id);
  }

  public static Optional<String> keyHash(Connection c, String id) throws SQLException {
    return Sql.queryOne(
        c, "SELECT api_key_hash FROM transcriber_node WHERE id = ?", rs -> rs.getString(1), id);
  }

  public static Optional<Node> findByKey(Connection c, String key) throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT " + COLUMNS + " FROM transcriber_node WHERE api_key_hash = ?",
        NodeRepository::map,
        NodeKeys.hash(key));
  }

  public static Optional<Node> findOfflineByName(Connection c, String name) throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT "
            + COLUMNS
            + " FROM transcriber_node WHERE name = ? AND status = 'offline'"
            + " AND pod_instance_id IS NULL ORDER BY created_at DESC",
        NodeRepository::map,
        name);
  }

  public static List<Node> list(Connection c) throws SQLException {
    return Sql.query(
        c,
        "SELECT " + COLUMNS + " FROM transcriber_node ORDER BY priority, name, id",
        NodeRepository::map);
  }

  /** Creates a node and returns its id. */
  public static String create(
      Connection c,
      String name,
      String url,
      String model,
      String backend,
      int priority,
      String keyHash,
      String podInstanceId,
      Instant now)
      throws SQLException {
    String id = UUID.randomUUID().toString();
    Sql.update(
        c,
        "INSERT INTO transcriber_node (id, name, url, api_key_hash, whisper_model,"
            + " whisper_backend, status, priority, pod_instance_id, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, 'offline', ?, ?, ?, ?)",
        id,
        name,
        url,
        keyHash,
        model,
        backend,
        priority,
        podInstanceId,
        now,
        now);
    return id;
  }

  /** Gives an offline node a new key and fresh details (a re-registration under the same name). */
  public static void reuse(
      Connection c,
      String id,
      String url,
      String model,
      String backend,
      String keyHash,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE transcriber_node SET api_key_hash = ?, url = ?, whisper_model = ?,"
            + " whisper_backend = ?, status = 'offline', last_heartbeat = NULL,"
            + " current_job_id = NULL, updated_at = ? WHERE id = ?",
        keyHash,
        url,
        model,
        backend,
        now,
        id);
  }

  public static void recordHeartbeat(
      Connection c,
      String id,
      String name,
      String model,
      String backend,
      NodeStatus status,
      Long currentJobId,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE transcriber_node SET last_heartbeat = ?, name = COALESCE(?, name),"
            + " whisper_model = COALESCE(?, whisper_model),"
            + " whisper_backend = COALESCE(?, whisper_backend), status = ?,"
            + " current_job_id = ?, updated_at = ? WHERE id = ?",
        now,
        name,
        model,
        backend,
        status,
        currentJobId,
        now,
        id);
  }

  /** The nodes a pod registered (normally one). */
  public static List<Node> byPodInstance(Connection c, String instanceId) throws SQLException {
    return Sql.query(
        c,
        "SELECT " + COLUMNS + " FROM transcriber_node WHERE pod_instance_id = ?",
        NodeRepository::map,
        instanceId);
  }

  /**
   * The node's own health verdict (UP/DOWN) and since when it holds; the time only moves when the
   * verdict changes, so "DOWN for longer than the grace" can be judged.
   */
  public static void recordHealth(
      Connection c, String id, String status, String detail, Instant now) throws SQLException {
    Sql.update(
        c,
        "UPDATE transcriber_node SET health_since = CASE WHEN health_status IS NULL"
            + " OR health_status <> ? THEN ? ELSE health_since END, health_status = ?,"
            + " health_detail = ? WHERE id = ?",
        status,
        now,
        status,
        detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000),
        id);
  }

  public static void setStatus(
      Connection c, String id, NodeStatus status, Long currentJobId, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE transcriber_node SET status = ?, current_job_id = ?, updated_at = ? WHERE id = ?",
        status,
        currentJobId,
        now,
        id);
  }

  public static void touch(Connection c, String id, NodeStatus status, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE transcriber_node SET last_heartbeat = ?, status = ?, updated_at = ? WHERE id = ?",
        now,
        status,
        now,
        id);
  }

  /** Marks offline every node whose last heartbeat is older than the cut-off. */
  public static List<String> markSilentOffline(Connection c, Instant heardBefore, Instant now)
      throws SQLException {
    List<String> ids =
        Sql.query(
            c,
            "SELECT id FROM transcriber_node WHERE status <> 'offline'"
                + " AND (last_heartbeat IS NULL OR last_heartbeat < ?)",
            rs -> rs.getString(1),
            heardBefore);
    for (String id : ids) {
      setStatus(c, id, NodeStatus.OFFLINE, null, now);
    }
    return ids;
  }

  /** Offline nodes not heard from since the cut-off (or never). */
  public static List<Node> stale(Connection c, Instant heardBefore) throws SQLException {
    return Sql.query(
        c,
        "SELECT "
            + COLUMNS
            + " FROM transcriber_node WHERE status = 'offline'"
            + " AND (last_heartbeat IS NULL OR last_heartbeat < ?) ORDER BY name, id",
        NodeRepository::map,
        heardBefore);
  }

  public static boolean delete(Connection c, String id) throws SQLException {
    return Sql.update(c, "DELETE FROM transcriber_node WHERE id = ?", id) == 1;
  }

  static Node map(ResultSet rs) throws SQLException {
    return new Node(
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("url"),
        rs.getString("whisper_model"),
        rs.getString("whisper_backend"),
        NodeStatus.parse(rs.getString("status")),
        instant(rs, "last_heartbeat"),
        Sql.nullableLong(rs, "current_job_id"),
        rs.getInt("priority"),
        rs.getString("pod_instance_id"),
        instant(rs, "created_at"),
        rs.getString("health_status"),
        instant(rs, "health_since"));
  }
}
