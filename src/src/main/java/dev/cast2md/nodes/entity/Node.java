package dev.cast2md.nodes.entity;

import java.time.Instant;

/** A registered transcriber node. Its key is never held here, only the key's hash in the table. */
public record Node(
    String id,
    String name,
    String url,
    String whisperModel,
    String whisperBackend,
    NodeStatus status,
    Instant lastHeartbeat,
    Long currentJobId,
    int priority,
    String podInstanceId,
    Instant createdAt,
    String healthStatus,
    Instant healthSince) {}
