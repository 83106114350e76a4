package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BatchRuns;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** Gives every job instance its row in batch_run when it first starts. */
@Named("batchRunListener")
@Dependent
public class BatchRunListener extends AbstractJobListener {
  @Inject JobContext job;
  @Inject BatchRuns runs;

  @Override
  public void beforeJob() {
    runs.open(job.getInstanceId(), job.getJobName());
  }
}
