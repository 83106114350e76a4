package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BatchRuns;
import dev.cast2md.batch.control.FeedRefreshes;
import dev.cast2md.batch.entity.RefreshReport;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;

/** Writes the refresh run's report into batch_run. */
@Named("refreshReport")
@Dependent
public class RefreshReportStep extends AbstractBatchlet {
  @Inject JobContext job;
  @Inject FeedRefreshes refreshes;
  @Inject BatchRuns runs;
  @Inject Jsonb jsonb;

  @Override
  public String process() {
    long instance = job.getInstanceId();
    long planned = runs.find(instance).map(r -> r.planned() == null ? 0L : r.planned()).orElse(0L);
    RefreshReport report = refreshes.report(instance, planned);
    runs.report(instance, jsonb.toJson(report));
    String summary =
        "refreshed="
            + report.refreshed()
            + " not_modified="
            + report.notModified()
            + " failed="
            + report.failed()
            + " new_episodes="
            + report.newEpisodes();
    job.setExitStatus(summary);
    return summary;
  }
}
