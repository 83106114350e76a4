package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogMonitor;
import dev.cast2md.batch.control.BatchRuns;
import dev.cast2md.batch.entity.BacklogReport;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;
import java.util.logging.Logger;

/** Writes the run's final report into batch_run, where the API shows it. */
@Named("backlogReport")
@Dependent
public class BacklogReportStep extends AbstractBatchlet {
  private static final Logger LOG = Logger.getLogger(BacklogReportStep.class.getName());

  @Inject JobContext job;
  @Inject BacklogMonitor monitor;
  @Inject BatchRuns runs;
  @Inject BatchExecutions executions;
  @Inject Jsonb jsonb;

  @Override
  public String process() {
    BacklogReport report =
        monitor.report(job.getInstanceId(), executions.windows(job.getExecutionId()));
    runs.report(job.getInstanceId(), jsonb.toJson(report));
    String summary =
        "transcribed="
            + report.transcribed()
            + " from_publisher="
            + report.fromPublisher()
            + " failed="
            + report.failed()
            + " unfinished="
            + report.unfinished()
            + " audio_hours="
            + report.audioHours()
            + " cost="
            + report.cost();
    LOG.info("event=batch-report execution=" + job.getExecutionId() + " " + summary);
    job.setExitStatus(summary);
    return summary;
  }
}
