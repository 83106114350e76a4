package dev.cast2md.platform.boundary;

import dev.cast2md.nodes.boundary.Coordinator;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Migrations;
import dev.cast2md.pods.boundary.PodScheduler;
import dev.cast2md.queue.control.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Start-up order: schema first, then the enrolment key, then fresh leases for jobs that were
 * running when the server stopped, then the coordinator.
 */
@ApplicationScoped
public class Startup {
  private static final Logger LOG = Logger.getLogger(Startup.class.getName());

  @Inject Database db;
  @Inject JobQueue queue;
  @Inject ServerComponents components;
  @Inject Coordinator coordinator;
  @Inject PodScheduler pods;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    Migrations.migrate(db);
    components.enrolment();
    int extended = queue.extendLeasesAfterRestart();
    if (extended > 0) {
      LOG.info("event=startup running jobs given a fresh lease: " + extended);
    }
    coordinator.start();
    pods.start();
    LOG.info("event=startup cast2md ready, data in " + components.dataDirectory());
  }
}
