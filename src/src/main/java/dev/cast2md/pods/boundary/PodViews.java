package dev.cast2md.pods.boundary;

import dev.cast2md.pods.control.PodCosts;
import dev.cast2md.pods.entity.PodRun;
import dev.cast2md.pods.entity.ProvidedPod;
import dev.cast2md.pods.entity.SetupState;
import java.time.Instant;

/** What the RunPod API shows; never a token or a key. */
public final class PodViews {
  private PodViews() {}

  public record SetupStateView(
      String instanceId,
      String provider,
      String podId,
      String podName,
      String tsHostname,
      String nodeName,
      String gpuType,
      String model,
      String phase,
      String message,
      String startedAt,
      String readyAt,
      String error,
      String hostIp,
      boolean persistent,
      boolean autoScaled) {
    public static SetupStateView of(SetupState s) {
      return new SetupStateView(
          s.instanceId(),
          s.provider(),
          s.podId(),
          s.podName(),
          s.tsHostname(),
          s.nodeName(),
          s.gpuType(),
          s.model(),
          s.phase().wire(),
          s.message(),
          text(s.startedAt()),
          text(s.readyAt()),
          s.error(),
          s.hostIp(),
          s.persistent(),
          s.autoScaled());
    }
  }

  public record PodView(String id, String name, String status, String gpuType, Double costPerHr) {
    public static PodView of(ProvidedPod p) {
      return new PodView(
          p.id(),
          p.name(),
          p.status().name(),
          p.gpuDisplayName() == null ? p.gpuId() : p.gpuDisplayName(),
          p.costPerHr());
    }
  }

  public record RunView(
      String instanceId,
      String provider,
      String podId,
      String gpuType,
      Double gpuPriceHr,
      String startedAt,
      String endedAt,
      double hours,
      Double cost,
      int jobsCompleted,
      double audioHours,
      String status,
      String endReason) {
    public static RunView of(PodRun r, Instant now) {
      Double cost = r.cost(now);
      return new RunView(
          r.instanceId(),
          r.provider(),
          r.podId(),
          r.gpuType(),
          r.gpuPriceHr(),
          text(r.startedAt()),
          text(r.endedAt()),
          round(r.billed(now).toMillis() / 3_600_000.0, 3),
          cost == null ? null : round(cost, 4),
          r.jobsCompleted(),
          round(r.audioSeconds() / 3600.0, 3),
          r.status(),
          r.endReason());
    }
  }

  static String text(Instant t) {
    return t == null ? null : t.toString();
  }

  static double round(double v, int places) {
    return PodCosts.round(v, places);
  }
}
