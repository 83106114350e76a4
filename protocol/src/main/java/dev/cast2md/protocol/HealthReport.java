package dev.cast2md.protocol;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.List;

/**
 * A worker's health in MicroProfile Health's JSON shape ({@code {"status":"UP","checks":[...]}}),
 * served on the worker's {@code /health} and carried by every heartbeat of a Java worker, so that
 * the server can judge a pod even where it cannot reach the pod's address. Python nodes send none:
 * an absent report means unknown, not down.
 */
@JsonbNillable(false)
public record HealthReport(String status, List<HealthCheck> checks) {
  public static final String UP = "UP";
  public static final String DOWN = "DOWN";

  /** UP when every check is UP (and when there are none), as MicroProfile Health decides. */
  public static HealthReport of(List<HealthCheck> checks) {
    boolean up = checks.stream().allMatch(HealthCheck::healthy);
    return new HealthReport(up ? UP : DOWN, List.copyOf(checks));
  }

  public boolean healthy() {
    return UP.equals(status);
  }
}
