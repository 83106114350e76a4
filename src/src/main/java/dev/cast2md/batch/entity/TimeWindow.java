package dev.cast2md.batch.entity;

import java.time.Duration;
import java.time.Instant;

/** A span of time an execution ran; {@code end} null while it runs. */
public record TimeWindow(Instant start, Instant end) {
  public Instant endOr(Instant now) {
    return end == null ? now : end;
  }

  public Duration length(Instant now) {
    Instant e = endOr(now);
    return e.isBefore(start) ? Duration.ZERO : Duration.between(start, e);
  }
}
