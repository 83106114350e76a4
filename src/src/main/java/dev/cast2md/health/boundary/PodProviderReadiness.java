package dev.cast2md.health.boundary;

import dev.cast2md.pods.control.LocalPodProvider;
import dev.cast2md.pods.control.PodLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * When RunPod is enabled, ready only while its API answers: a server that cannot reach RunPod can
 * neither start pods nor end them. The answer is cached for half a minute so that probes do not
 * spend the API's rate limit.
 */
@Readiness
@ApplicationScoped
public class PodProviderReadiness implements HealthCheck {
  private static final Duration CACHE = Duration.ofSeconds(30);

  @Inject PodLifecycle pods;
  @Inject Clock clock;

  private Instant checkedAt = Instant.EPOCH;
  private boolean reachable = true;
  private String error = "";

  @Override
  public synchronized HealthCheckResponse call() {
    String provider = pods.provider().name();
    if (LocalPodProvider.NAME.equals(provider) || !pods.policy().enabled()) {
      return HealthCheckResponse.named("pod-provider")
          .up()
          .withData("provider", provider)
          .withData(
              "checked",
              LocalPodProvider.NAME.equals(provider)
                  ? "no (local workers)"
                  : "no (RunPod disabled)")
          .build();
    }
    Instant now = clock.instant();
    if (checkedAt.plus(CACHE).isBefore(now)) {
      try {
        pods.provider().list();
        reachable = true;
        error = "";
      } catch (RuntimeException e) {
        reachable = false;
        error = e.getMessage() == null ? e.toString() : e.getMessage();
      }
      checkedAt = now;
    }
    return HealthCheckResponse.named("pod-provider")
        .status(reachable)
        .withData("provider", provider)
        .withData("error", error)
        .build();
  }
}
