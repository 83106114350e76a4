package dev.cast2md.protocol;

import java.util.List;

/**
 * Every field is optional: {@code node status} sends {@code {}}. A present {@code claimedJobIds}
 * (even empty) lets the server release jobs the node no longer holds; an absent one does not.
 */
public record HeartbeatRequest(
    String name,
    String whisperModel,
    String whisperBackend,
    Long currentJobId,
    List<Long> claimedJobIds) {}
