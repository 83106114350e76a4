package dev.cast2md.protocol;

import java.util.List;

/**
 * {@code status} and {@code message} as cast2md answers; {@code releasedJobIds} tells a Java worker
 * which of its jobs the server took back so that it drops them instead of finishing them.
 */
public record HeartbeatResponse(String status, String message, List<Long> releasedJobIds) {}
