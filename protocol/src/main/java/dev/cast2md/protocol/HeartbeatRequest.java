package dev.cast2md.protocol;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * Every field is optional: {@code node status} sends {@code {}}. A present {@code claimedJobIds}
 * (even empty) lets the server release jobs the node no longer holds; an absent one does not. A
 * Java worker adds its {@code health}; the Python node sends none, which means unknown.
 */
public record HeartbeatRequest(
    String name,
    String whisperModel,
    String whisperBackend,
    Long currentJobId,
    List<Long> claimedJobIds,
    @JsonbNillable(false) HealthReport health) {

  /** JSON-B needs to be told which constructor to use once a record has two. */
  @JsonbCreator
  public HeartbeatRequest {}

  /** A heartbeat without a health report, as the Python node and {@code status} send it. */
  public HeartbeatRequest(
      String name,
      String whisperModel,
      String whisperBackend,
      Long currentJobId,
      List<Long> claimedJobIds) {
    this(name, whisperModel, whisperBackend, currentJobId, claimedJobIds, null);
  }
}
