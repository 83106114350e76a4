package dev.cast2md.pods.control.runpod;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * A RunPod call that failed, classified by what the caller should do about it. The message is
 * RunPod's human {@code detail} (or ours); it never carries the API key.
 */
public class RunPodException extends RuntimeException {

  public enum Kind {
    /** No GPU of that type can be placed now: try another type, or later. */
    CAPACITY,
    /** The key is missing, wrong or lacks the right: retrying will not help. */
    AUTH,
    /** Too many requests; retried after {@code Retry-After}. Never a capacity failure. */
    RATE_LIMITED,
    NOT_FOUND,
    /** RunPod rejected the request as it stands (400, 402, 409, 422): do not retry it. */
    BAD_REQUEST,
    /** A 5xx: retried with backoff. */
    SERVER,
    /** No answer: connection refused, reset or timed out. Retried with backoff. */
    UNREACHABLE
  }

  /**
   * What RunPod says when a GPU type cannot be placed, lower-cased. RunPod signals capacity only in
   * the message (400 in v2, 500 in v1, 200 in GraphQL), so the status code cannot decide it.
   */
  static final List<String> CAPACITY_MESSAGES =
      List.of(
          "no longer any instances",
          "no instances currently available",
          "does not have the resources",
          "not enough free gpus",
          "no compatible cuda host");

  private final Kind kind;
  private final int status;
  private final Duration retryAfter;

  public RunPodException(Kind kind, int status, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.status = status;
    this.retryAfter = retryAfter;
  }

  public RunPodException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = 0;
    this.retryAfter = null;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status, 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** What {@code Retry-After} asked for, null when absent. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Worth another attempt of the same request. */
  public boolean retryable() {
    return kind == Kind.SERVER || kind == Kind.UNREACHABLE || kind == Kind.RATE_LIMITED;
  }

  public static boolean isCapacityMessage(String message) {
    if (message == null) {
      return false;
    }
    String m = message.toLowerCase(Locale.ROOT);
    return CAPACITY_MESSAGES.stream().anyMatch(m::contains);
  }

  /** Classifies an HTTP failure from its status and RunPod's message. */
  public static RunPodException fromHttp(int status, String detail, Duration retryAfter) {
    String message = detail == null || detail.isBlank() ? "HTTP " + status : detail;
    return new RunPodException(kindOf(status, message), status, message, retryAfter);
  }

  static Kind kindOf(int status, String message) {
    if (status == 429) {
      return Kind.RATE_LIMITED;
    }
    if (status == 401 || status == 403) {
      return Kind.AUTH;
    }
    if (isCapacityMessage(message)) {
      return Kind.CAPACITY;
    }
    if (status == 404) {
      return Kind.NOT_FOUND;
    }
    if (status >= 500) {
      return Kind.SERVER;
    }
    return Kind.BAD_REQUEST;
  }
}
