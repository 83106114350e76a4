package dev.cast2md.protocol;

import jakarta.json.bind.annotation.JsonbNillable;
import java.util.Map;

/**
 * One check of a {@link HealthReport}, shaped as in MicroProfile Health: {@code name}, {@code
 * status} ({@link HealthReport#UP} or {@link HealthReport#DOWN}) and optional {@code data} (left
 * out when there is none, as MicroProfile Health does). The keys of {@code data} are written as
 * given.
 */
@JsonbNillable(false)
public record HealthCheck(String name, String status, Map<String, Object> data) {

  public static HealthCheck of(String name, boolean up, Map<String, Object> data) {
    return new HealthCheck(name, up ? HealthReport.UP : HealthReport.DOWN, data);
  }

  /** True for {@code UP}; anything else, an unknown word included, counts as down. */
  public boolean healthy() {
    return HealthReport.UP.equals(status);
  }
}
