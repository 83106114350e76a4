package dev.cast2md.batch.boundary;

import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.StepExecution;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * A job execution as the API shows it: its status, the step it is in (or ended in), and, for the
 * detail, its parameters, steps, the executions of its instance, progress and report.
 */
public record ExecutionView(
    long executionId,
    long instanceId,
    String jobName,
    String status,
    String exitStatus,
    String createdAt,
    String startedAt,
    String endedAt,
    String step,
    Map<String, String> parameters,
    List<StepView> steps,
    List<Long> executions,
    String message,
    Object progress,
    Object report) {

  /** One step execution. */
  public record StepView(
      String name,
      String status,
      String exitStatus,
      String startedAt,
      String endedAt,
      Map<String, Long> metrics) {

    static StepView of(StepExecution s) {
      Map<String, Long> metrics = new java.util.LinkedHashMap<>();
      if (s.getMetrics() != null) {
        for (var m : s.getMetrics()) {
          if (m.getValue() != 0) {
            metrics.put(m.getType().name().toLowerCase(), m.getValue());
          }
        }
      }
      return new StepView(
          s.getStepName(),
          s.getBatchStatus() == null ? null : s.getBatchStatus().name().toLowerCase(),
          s.getExitStatus(),
          iso(s.getStartTime()),
          iso(s.getEndTime()),
          metrics);
    }
  }

  static ExecutionView summary(JobExecution e, long instanceId, String step) {
    return new ExecutionView(
        e.getExecutionId(),
        instanceId,
        e.getJobName(),
        status(e),
        e.getExitStatus(),
        iso(e.getCreateTime()),
        iso(e.getStartTime()),
        iso(e.getEndTime()),
        step,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  static String status(JobExecution e) {
    return e.getBatchStatus() == null ? null : e.getBatchStatus().name().toLowerCase();
  }

  static String iso(Date d) {
    return d == null ? null : d.toInstant().toString();
  }
}
