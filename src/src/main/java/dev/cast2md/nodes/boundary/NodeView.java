package dev.cast2md.nodes.boundary;

import dev.cast2md.nodes.entity.Node;

/** A node as the admin API shows it: never its key. */
public record NodeView(
    String id,
    String name,
    String url,
    String whisperModel,
    String whisperBackend,
    String status,
    String lastHeartbeat,
    Long currentJobId,
    Integer priority,
    String podInstanceId,
    String health,
    String healthSince) {

  static NodeView of(Node n) {
    return new NodeView(
        n.id(),
        n.name(),
        n.url(),
        n.whisperModel(),
        n.whisperBackend(),
        n.status().wire(),
        n.lastHeartbeat() == null ? null : n.lastHeartbeat().toString(),
        n.currentJobId(),
        n.priority(),
        n.podInstanceId(),
        n.healthStatus(),
        n.healthSince() == null ? null : n.healthSince().toString());
  }
}
