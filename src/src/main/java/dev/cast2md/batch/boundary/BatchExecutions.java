package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.JobParameters;
import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.RefreshParameters;
import dev.cast2md.batch.entity.TimeWindow;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/** What the job steps read from the batch runtime: their parameters and execution windows. */
@ApplicationScoped
public class BatchExecutions {

  public JobOperator operator() {
    return BatchRuntime.getJobOperator();
  }

  public BacklogParameters backlogParameters(long executionId) {
    return JobParameters.backlog(operator().getParameters(executionId));
  }

  public RefreshParameters refreshParameters(long executionId) {
    return JobParameters.refresh(operator().getParameters(executionId));
  }

  /** Every execution of the instance, oldest first; one still running has no end yet. */
  public List<TimeWindow> windows(long executionId) {
    JobOperator op = operator();
    JobInstance instance = op.getJobInstance(executionId);
    return op.getJobExecutions(instance).stream()
        .sorted(Comparator.comparingLong(JobExecution::getExecutionId))
        .map(
            e ->
                new TimeWindow(
                    instant(e.getStartTime() != null ? e.getStartTime() : e.getCreateTime()),
                    instant(endOf(e))))
        .toList();
  }

  private static Date endOf(JobExecution e) {
    if (e.getEndTime() != null) {
      return e.getEndTime();
    }
    BatchStatus s = e.getBatchStatus();
    if (s == BatchStatus.STARTING || s == BatchStatus.STARTED || s == BatchStatus.STOPPING) {
      return null;
    }
    // an execution cut off by a crash has no end; count it up to its last update
    return e.getLastUpdatedTime() != null ? e.getLastUpdatedTime() : e.getCreateTime();
  }

  static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }
}
