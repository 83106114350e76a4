package dev.cast2md.pods.entity;

import java.time.Instant;

/**
 * A pod the server asked for, from the create request until it is terminated. Persisted, so a
 * restarted server picks up every pod it was watching.
 */
public record SetupState(
    String instanceId,
    String provider,
    String podId,
    String podName,
    String tsHostname,
    String nodeName,
    String gpuType,
    String model,
    SetupPhase phase,
    String message,
    String error,
    String hostIp,
    boolean persistent,
    boolean autoScaled,
    Instant startedAt,
    Instant runningAt,
    Instant readyAt,
    Instant updatedAt) {}
