package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BatchRuns;
import dev.cast2md.batch.control.FeedRefreshes;
import dev.cast2md.batch.entity.RefreshParameters;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * Deals the selected feeds round-robin to as many partitions as the run's parallelism allows, each
 * partition on its own thread. The plan is made afresh on a restart (partitions override), and the
 * feeds a partition already did are skipped by the partition itself.
 */
@Named("feedPartitionMapper")
@Dependent
public class FeedPartitionMapper implements PartitionMapper {
  @Inject JobContext job;
  @Inject FeedRefreshes refreshes;
  @Inject BatchRuns runs;
  @Inject BatchExecutions executions;

  @Override
  public PartitionPlan mapPartitions() {
    RefreshParameters p = executions.refreshParameters(job.getExecutionId());
    List<Long> selection = refreshes.selection(p);
    int partitions = FeedRefreshes.partitions(selection.size(), p.parallelism());
    runs.planned(job.getInstanceId(), selection.size());
    runs.message(
        job.getInstanceId(),
        "refreshing " + selection.size() + " feeds in " + partitions + " partitions");
    Properties[] props = new Properties[partitions];
    for (int i = 0; i < partitions; i++) {
      props[i] = new Properties();
      props[i].setProperty(
          "feeds",
          FeedRefreshes.share(selection, i, partitions).stream()
              .map(String::valueOf)
              .collect(Collectors.joining(",")));
    }
    PartitionPlanImpl plan = new PartitionPlanImpl();
    plan.setPartitions(partitions);
    plan.setThreads(partitions);
    plan.setPartitionsOverride(true);
    plan.setPartitionProperties(props);
    return plan;
  }
}
