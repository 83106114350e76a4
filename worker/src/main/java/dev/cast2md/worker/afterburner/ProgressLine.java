package dev.cast2md.worker.afterburner;

import jakarta.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One line of progress: the queue, the pods by phase, this run's audio hours and cost. */
final class ProgressLine {
  private ProgressLine() {}

  static String of(QueueWork work, PodStatus status, String instanceId, String phase) {
    Map<String, Integer> phases = new TreeMap<>();
    for (JsonObject s : status.states()) {
      phases.merge(String.valueOf(PodStatus.text(s, "phase")), 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(Locale.ROOT, "queue %d queued, %d running", work.queued(), work.running()));
    b.append(" | pods ").append(status.states().size()).append('/').append(status.maxPods());
    if (!phases.isEmpty()) {
      b.append(' ').append(phases);
    }
    if (instanceId != null) {
      b.append(" | ours ").append(instanceId).append(' ').append(phase == null ? "?" : phase);
    }
    status
        .run(instanceId)
        .ifPresent(
            run ->
                b.append(
                    String.format(
                        Locale.ROOT,
                        " | %d jobs, %.2f audio h, $%.2f",
                        (long) PodStatus.number(run, "jobs_completed"),
                        PodStatus.number(run, "audio_hours"),
                        PodStatus.number(run, "cost"))));
    return b.toString();
  }

  /**
   * The closing summary: this run's numbers, or the 30-day totals when it opened no cost record.
   */
  static String summary(PodStatus status, String instanceId, long runtimeSeconds) {
    String runtime =
        String.format(
            Locale.ROOT,
            "%dh %02dm %02ds",
            runtimeSeconds / 3600,
            runtimeSeconds / 60 % 60,
            runtimeSeconds % 60);
    return status
        .run(instanceId)
        .map(
            run ->
                String.format(
                    Locale.ROOT,
                    "runtime %s; pod %s on %s: %d jobs, %.2f audio hours, %.2f pod hours, cost $%.2f",
                    runtime,
                    instanceId,
                    PodStatus.text(run, "gpu_type"),
                    (long) PodStatus.number(run, "jobs_completed"),
                    PodStatus.number(run, "audio_hours"),
                    PodStatus.number(run, "hours"),
                    PodStatus.number(run, "cost")))
        .orElse(
            "runtime "
                + runtime
                + (instanceId == null
                    ? "; this run started no pod (other pods worked the queue)"
                    : "; pod " + instanceId + " never reported ready"));
  }
}
