package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.FeedRefreshes;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Arrays;
import java.util.List;

/** One partition of refresh-feeds: polls its share of the feeds, one after another. */
@Named("refreshFeedsBatchlet")
@Dependent
public class RefreshFeedsBatchlet extends AbstractBatchlet {
  @Inject JobContext job;
  @Inject FeedRefreshes refreshes;

  @Inject
  @BatchProperty(name = "feeds")
  String feeds;

  private volatile boolean stopRequested;

  @Override
  public String process() {
    List<Long> share =
        feeds == null || feeds.isBlank()
            ? List.of()
            : Arrays.stream(feeds.split(",")).map(String::trim).map(Long::valueOf).toList();
    int polled = refreshes.refresh(job.getInstanceId(), share, () -> stopRequested);
    return "polled=" + polled;
  }

  @Override
  public void stop() {
    stopRequested = true;
  }
}
