package dev.cast2md.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the database answers. */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {
  @Inject DatabaseHealth database;

  @Override
  public HealthCheckResponse call() {
    Map<String, Object> probe = database.probe();
    HealthCheckResponseBuilder b =
        HealthCheckResponse.named("database").status(Boolean.TRUE.equals(probe.get("up")));
    probe.forEach((k, v) -> b.withData(k, String.valueOf(v)));
    return b.build();
  }
}
