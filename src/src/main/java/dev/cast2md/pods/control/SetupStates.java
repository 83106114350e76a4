package dev.cast2md.pods.control;

import dev.cast2md.platform.control.Sql;
import dev.cast2md.pods.entity.SetupPhase;
import dev.cast2md.pods.entity.SetupState;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The pod_setup_state table. */
public final class SetupStates {
  private static final String COLUMNS =
      "instance_id, provider, pod_id, pod_name, ts_hostname, node_name, gpu_type, model, phase,"
          + " message, error, host_ip, persistent, auto_scaled, started_at, running_at, ready_at,"
          + " updated_at";

  private SetupStates() {}

  public static void insert(Connection c, SetupState s, String setupTokenHash) throws SQLException {
    Sql.update(
        c,
        "INSERT INTO pod_setup_state (instance_id, provider, pod_id, pod_name, ts_hostname,"
            + " node_name, gpu_type, model, phase, message, error, host_ip, persistent,"
            + " auto_scaled, setup_token_hash, started_at, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.instanceId(),
        s.provider(),
        s.podId(),
        s.podName(),
        s.tsHostname(),
        s.nodeName(),
        s.gpuType() == null ? "" : s.gpuType(),
        s.model(),
        s.phase().wire(),
        s.message(),
        s.error(),
        s.hostIp(),
        s.persistent(),
        s.autoScaled(),
        setupTokenHash,
        s.startedAt(),
        s.startedAt(),
        s.updatedAt());
  }

  public static Optional<SetupState> find(Connection c, String instanceId) throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT " + COLUMNS + " FROM pod_setup_state WHERE instance_id = ?",
        SetupStates::map,
        instanceId);
  }

  /** Locks the row so that concurrent reports and sweeps see one order of changes. */
  public static Optional<SetupState> lock(Connection c, String instanceId) throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT " + COLUMNS + " FROM pod_setup_state WHERE instance_id = ? FOR UPDATE",
        SetupStates::map,
        instanceId);
  }

  public static Optional<SetupState> findByPodId(Connection c, String podId) throws SQLException {
    return Sql.queryOne(
        c, "SELECT " + COLUMNS + " FROM pod_setup_state WHERE pod_id = ?", SetupStates::map, podId);
  }

  public static List<SetupState> list(Connection c, String provider) throws SQLException {
    return Sql.query(
        c,
        "SELECT "
            + COLUMNS
            + " FROM pod_setup_state WHERE provider = ? ORDER BY started_at, instance_id",
        SetupStates::map,
        provider);
  }

  public static Optional<String> tokenHash(Connection c, String instanceId) throws SQLException {
    return Sql.queryOne(
        c,
        "SELECT setup_token_hash FROM pod_setup_state WHERE instance_id = ?",
        rs -> rs.getString(1),
        instanceId);
  }

  public static void podCreated(
      Connection c, String instanceId, String podId, String gpuType, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE pod_setup_state SET pod_id = ?, gpu_type = ?, phase = ?, message = ?,"
            + " updated_at = ? WHERE instance_id = ?",
        podId,
        gpuType == null ? "" : gpuType,
        SetupPhase.STARTING.wire(),
        "Waiting for pod to start...",
        now,
        instanceId);
  }

  public static void running(Connection c, String instanceId, Instant now) throws SQLException {
    Sql.update(
        c,
        "UPDATE pod_setup_state SET phase = ?, message = ?, running_at = ?, updated_at = ?"
            + " WHERE instance_id = ? AND phase = ?",
        SetupPhase.CONNECTING.wire(),
        "Pod running, waiting for self-setup...",
        now,
        now,
        instanceId,
        SetupPhase.STARTING.wire());
  }

  public static void phase(
      Connection c,
      String instanceId,
      SetupPhase phase,
      String message,
      String error,
      String hostIp,
      Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE pod_setup_state SET phase = ?, message = ?, error = COALESCE(?, error),"
            + " host_ip = COALESCE(?, host_ip),"
            + " ready_at = CASE WHEN ? AND ready_at IS NULL THEN ? ELSE ready_at END,"
            + " updated_at = ? WHERE instance_id = ?",
        phase.wire(),
        message == null ? "" : message,
        error,
        hostIp,
        phase == SetupPhase.READY,
        now,
        now,
        instanceId);
  }

  public static void persistent(Connection c, String instanceId, boolean persistent, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE pod_setup_state SET persistent = ?, updated_at = ? WHERE instance_id = ?",
        persistent,
        now,
        instanceId);
  }

  public static boolean delete(Connection c, String instanceId) throws SQLException {
    return Sql.update(c, "DELETE FROM pod_setup_state WHERE instance_id = ?", instanceId) > 0;
  }

  private static SetupState map(ResultSet rs) throws SQLException {
    return new SetupState(
        rs.getString("instance_id"),
        rs.getString("provider"),
        rs.getString("pod_id"),
        rs.getString("pod_name"),
        rs.getString("ts_hostname"),
        rs.getString("node_name"),
        rs.getString("gpu_type"),
        rs.getString("model"),
        SetupPhase.fromWire(rs.getString("phase")),
        rs.getString("message"),
        rs.getString("error"),
        rs.getString("host_ip"),
        rs.getBoolean("persistent"),
        rs.getBoolean("auto_scaled"),
        Sql.instant(rs, "started_at"),
        Sql.instant(rs, "running_at"),
        Sql.instant(rs, "ready_at"),
        Sql.instant(rs, "updated_at"));
  }
}
