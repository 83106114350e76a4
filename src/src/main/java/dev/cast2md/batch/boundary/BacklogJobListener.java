package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogItems;
import dev.cast2md.batch.control.BatchRuns;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * Opens the run's row, and when the run is stopped (by an operator, or by the server shutting down)
 * withdraws the queued jobs it created, so that a stopped backlog stops costing GPU time. Running
 * jobs finish; a restart queues the withdrawn ones again.
 */
@Named("backlogJobListener")
@Dependent
public class BacklogJobListener extends AbstractJobListener {
  private static final Logger LOG = Logger.getLogger(BacklogJobListener.class.getName());

  @Inject JobContext job;
  @Inject BatchRuns runs;
  @Inject BacklogItems items;

  @Override
  public void beforeJob() {
    runs.open(job.getInstanceId(), job.getJobName());
  }

  @Override
  public void afterJob() {
    BatchStatus status = job.getBatchStatus();
    if (status == BatchStatus.STOPPING || status == BatchStatus.STOPPED) {
      int withdrawn = items.withdraw(job.getInstanceId());
      runs.message(
          job.getInstanceId(),
          "stopped: " + withdrawn + " queued jobs withdrawn; a restart queues them again");
      LOG.info(
          "event=batch-stopped execution="
              + job.getExecutionId()
              + " instance="
              + job.getInstanceId()
              + " withdrawn="
              + withdrawn);
    }
  }
}
