package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogItems;
import dev.cast2md.batch.control.BatchRuns;
import dev.cast2md.batch.control.Capacity;
import dev.cast2md.batch.entity.BacklogParameters;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Logger;

/**
 * Queues again what a stop withdrew (on a restart), then starts capacity for what is left: pods up
 * to the run's maximum. Runs on every start and restart (allow-start-if-complete), since pods may
 * have ended while the run was stopped.
 */
@Named("backlogProvision")
@Dependent
public class BacklogProvision extends AbstractBatchlet {
  private static final Logger LOG = Logger.getLogger(BacklogProvision.class.getName());

  @Inject JobContext job;
  @Inject BacklogItems items;
  @Inject Capacity capacity;
  @Inject BatchRuns runs;
  @Inject BatchExecutions executions;

  @Override
  public String process() {
    long instance = job.getInstanceId();
    BacklogParameters p = executions.backlogParameters(job.getExecutionId());
    int resumed = items.resume(instance, p.priority());
    BacklogItems.Counts counts = items.counts(instance);
    long remaining = counts.pending();
    String message;
    if (remaining == 0) {
      message = "nothing left to transcribe";
    } else if (p.maxPods() != null && p.maxPods() == 0) {
      message = "max_pods=0: no pods started, the workers already there do the work";
    } else {
      message = capacity.provision(remaining, p.maxPods(), p.model()).describe();
    }
    runs.message(instance, message);
    LOG.info(
        "event=batch-provision execution="
            + job.getExecutionId()
            + " resumed="
            + resumed
            + " remaining="
            + remaining
            + " "
            + message);
    return "resumed=" + resumed + " remaining=" + remaining;
  }
}
