package dev.cast2md.nodes.boundary;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobListing;
import dev.cast2md.queue.entity.JobStatus;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.annotation.RegistryScope;

/**
 * Prometheus figures of the queue at {@code /metrics}: depth by status, active nodes, and counts of
 * claims, completions and failures. Depths are read at most once a second, whatever the scrapers.
 */
@ApplicationScoped
public class QueueMetrics {
  private static final Duration CACHE = Duration.ofSeconds(1);

  @Inject
  @RegistryScope(scope = MetricRegistry.APPLICATION_SCOPE)
  MetricRegistry registry;

  @Inject JobListing listing;
  @Inject Database db;

  private Counter claims;
  private Counter completions;
  private Counter failures;
  private volatile Map<String, Long> depth = Map.of();
  private volatile Instant depthReadAt = Instant.EPOCH;

  @PostConstruct
  void register() {
    claims =
        registry.counter(
            Metadata.builder()
                .withName("cast2md_jobs_claimed")
                .withDescription("Jobs handed to nodes")
                .build());
    completions =
        registry.counter(
            Metadata.builder()
                .withName("cast2md_jobs_completed")
                .withDescription("Transcripts delivered by nodes")
                .build());
    failures =
        registry.counter(
            Metadata.builder()
                .withName("cast2md_jobs_failed")
                .withDescription("Failures reported by nodes")
                .build());
    for (JobStatus status : JobStatus.values()) {
      registry.gauge(
          Metadata.builder()
              .withName("cast2md_queue_jobs")
              .withDescription("Jobs in the queue by status")
              .build(),
          this,
          m -> m.depth(status.wire()),
          new Tag("status", status.wire()));
    }
    registry.gauge(
        Metadata.builder()
            .withName("cast2md_nodes_active")
            .withDescription("Nodes online or busy")
            .build(),
        this,
        QueueMetrics::activeNodes);
  }

  public void claimed() {
    claims.inc();
  }

  public void completed() {
    completions.inc();
  }

  public void failed() {
    failures.inc();
  }

  private long depth(String status) {
    if (depthReadAt.plus(CACHE).isBefore(Instant.now())) {
      depth = listing.countsByStatus();
      depthReadAt = Instant.now();
    }
    return depth.getOrDefault(status, 0L);
  }

  private long activeNodes() {
    return db.inTransaction(
        c -> Sql.count(c, "SELECT COUNT(*) FROM transcriber_node WHERE status <> 'offline'"));
  }
}
