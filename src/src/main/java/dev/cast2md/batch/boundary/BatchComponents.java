package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogItems;
import dev.cast2md.batch.control.BacklogMonitor;
import dev.cast2md.batch.control.BatchRuns;
import dev.cast2md.batch.control.Capacity;
import dev.cast2md.batch.control.DatabaseChecks;
import dev.cast2md.batch.control.FeedRefreshes;
import dev.cast2md.feeds.control.Feeds;
import dev.cast2md.platform.control.Database;
import dev.cast2md.pods.control.ModelCatalog;
import dev.cast2md.pods.control.PodLifecycle;
import dev.cast2md.queue.control.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;

/** Builds the batch feature's control objects from the shared database, queue, pods and feeds. */
@ApplicationScoped
public class BatchComponents {
  @Inject Database db;
  @Inject JobQueue queue;
  @Inject Clock clock;
  @Inject PodLifecycle lifecycle;
  @Inject Feeds feeds;
  @Inject ModelCatalog models;

  @Produces
  public BacklogItems backlogItems() {
    return new BacklogItems(db, queue, clock);
  }

  @Produces
  public BacklogMonitor backlogMonitor() {
    return new BacklogMonitor(db, backlogItems(), clock);
  }

  @Produces
  public Capacity capacity() {
    return new Capacity(lifecycle, clock);
  }

  @Produces
  public BatchRuns batchRuns() {
    return new BatchRuns(db, clock);
  }

  @Produces
  public FeedRefreshes feedRefreshes() {
    return new FeedRefreshes(db, feeds, clock);
  }

  @Produces
  public DatabaseChecks parameterChecks() {
    return new DatabaseChecks(db, models);
  }
}
