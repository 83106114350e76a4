package dev.cast2md.health.boundary;

import dev.cast2md.nodes.boundary.Coordinator;
import dev.cast2md.pods.boundary.PodScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Alive only while the coordinator (leases, offline nodes) and the pod reaper/autoscaler keep
 * running: a server whose schedules died still answers HTTP but no longer guards jobs or money, and
 * should be restarted. A pass may be late by three intervals plus a minute.
 */
@Liveness
@ApplicationScoped
public class SchedulesLiveness implements HealthCheck {
  @Inject Coordinator coordinator;
  @Inject PodScheduler pods;
  @Inject Clock clock;

  @Override
  public HealthCheckResponse call() {
    Instant now = clock.instant();
    boolean coordinatorOk =
        recent(
            coordinator.lastSweep(), coordinator.startedAt(), coordinator.intervalSeconds(), now);
    boolean podsOk = recent(pods.lastPass(), pods.startedAt(), pods.intervalSeconds(), now);
    HealthCheckResponseBuilder b =
        HealthCheckResponse.named("schedules").status(coordinatorOk && podsOk);
    b.withData("coordinator_last_pass", text(coordinator.lastSweep()));
    b.withData("pods_last_pass", text(pods.lastPass()));
    return b.build();
  }

  private static boolean recent(
      Optional<Instant> last, Optional<Instant> started, long intervalSeconds, Instant now) {
    Duration allowed = Duration.ofSeconds(intervalSeconds * 3 + 60);
    Instant reference = last.or(() -> started).orElse(null);
    // before the application finished starting there is nothing to judge
    return reference == null || !reference.plus(allowed).isBefore(now);
  }

  private static String text(Optional<Instant> t) {
    return t.map(Instant::toString).orElse("never");
  }
}
