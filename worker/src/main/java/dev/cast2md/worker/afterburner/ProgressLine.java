package dev.cast2md.worker.afterburner;

import jakarta.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** One line of progress: the queue, the pods by phase, this run's audio hours and cost. */
final class ProgressLine {
  private ProgressLine() {}

  static String queue(QueueWork work) {
    return String.format(Locale.ROOT, "queue %d queued, %d running", work.queued(), work.running());
  }

  /** The server's pods by phase and, once it reported ready, the run's pod's jobs and cost. */
  static String pods(PodStatus status, String instanceId) {
    Map<String, Integer> phases = new TreeMap<>();
    for (JsonObject s : status.states()) {
      phases.merge(String.valueOf(PodStatus.text(s, "phase")), 1, Integer::sum);
    }
    StringBuilder b = new StringBuilder();
    b.append(" | pods ").append(status.states().size()).append('/').append(status.maxPods());
    if (!phases.isEmpty()) {
      b.append(' ').append(phases);
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

  static String runtime(long seconds) {
    return String.format(
        Locale.ROOT, "%dh %02dm %02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  /** The closing summary: the run's pod's numbers from its cost record. */
  static String summary(PodStatus status, String instanceId, long runtimeSeconds) {
    String runtime = runtime(runtimeSeconds);
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
