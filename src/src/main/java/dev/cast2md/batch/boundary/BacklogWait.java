package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogItems;
import dev.cast2md.batch.control.BacklogMonitor;
import dev.cast2md.batch.control.BatchRuns;
import dev.cast2md.batch.control.Capacity;
import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.BacklogProgress;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Waits for the run's episodes to finish: every poll settles the jobs that ended, and the step's
 * exit status carries the progress. Pods that vanish while work is left are replaced once a minute.
 * A stop request ends the wait at once (the job listener withdraws the queued jobs); after {@code
 * max_wait_hours} the run goes on to its report with what is unfinished.
 */
@Named("backlogWait")
@Dependent
public class BacklogWait extends AbstractBatchlet {
  private static final Logger LOG = Logger.getLogger(BacklogWait.class.getName());
  static final Duration CAPACITY_EVERY = Duration.ofMinutes(1);
  static final Duration LOG_EVERY = Duration.ofMinutes(1);

  @Inject JobContext job;
  @Inject StepContext step;
  @Inject BacklogItems items;
  @Inject BacklogMonitor monitor;
  @Inject Capacity capacity;
  @Inject BatchRuns runs;
  @Inject BatchExecutions executions;
  @Inject Clock clock;

  private final CountDownLatch stopRequested = new CountDownLatch(1);

  @Override
  public String process() throws InterruptedException {
    long instance = job.getInstanceId();
    long execution = job.getExecutionId();
    BacklogParameters p = executions.backlogParameters(execution);
    Instant deadline = clock.instant().plus(Duration.ofHours(p.maxWaitHours()));
    Instant nextCapacity = clock.instant().plus(CAPACITY_EVERY);
    Instant nextLog = clock.instant();
    while (true) {
      items.settle(instance, p.priority());
      BacklogProgress progress = monitor.progress(instance, executions.windows(execution));
      String summary = summary(progress);
      step.setExitStatus(summary);
      Instant now = clock.instant();
      if (progress.remaining() == 0) {
        LOG.info("event=batch-wait-done execution=" + execution + " " + summary);
        return summary;
      }
      if (!now.isBefore(deadline)) {
        runs.message(instance, "gave up waiting after " + p.maxWaitHours() + " h: " + summary);
        return "TIMED_OUT " + summary;
      }
      if (!now.isBefore(nextCapacity) && (p.maxPods() == null || p.maxPods() > 0)) {
        Capacity.Provisioned provisioned =
            capacity.provision(progress.queued() + progress.running(), p.maxPods(), p.model());
        if (provisioned.started() > 0 || provisioned.refusal() != null) {
          runs.message(instance, provisioned.describe());
        }
        nextCapacity = now.plus(CAPACITY_EVERY);
      }
      if (!now.isBefore(nextLog)) {
        LOG.info("event=batch-progress execution=" + execution + " " + summary);
        nextLog = now.plus(LOG_EVERY);
      }
      if (stopRequested.await(p.pollSeconds(), TimeUnit.SECONDS)) {
        return "STOPPED " + summary;
      }
    }
  }

  static String summary(BacklogProgress p) {
    return "done="
        + p.done()
        + " failed="
        + p.failed()
        + " remaining="
        + p.remaining()
        + " audio_hours="
        + p.audioHours()
        + " cost="
        + p.cost()
        + (p.etaSeconds() == null ? "" : " eta_seconds=" + p.etaSeconds());
  }

  @Override
  public void stop() {
    stopRequested.countDown();
  }
}
