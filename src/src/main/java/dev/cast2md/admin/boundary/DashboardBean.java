package dev.cast2md.admin.boundary;

import dev.cast2md.admin.control.Throughput;
import dev.cast2md.nodes.control.NodeAdmin;
import dev.cast2md.nodes.entity.NodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.pods.control.PodCosts;
import dev.cast2md.pods.control.PodLifecycle;
import dev.cast2md.pods.entity.SetupPhase;
import dev.cast2md.queue.control.JobListing;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The dashboard: queue, throughput, capacity and money at a glance. */
@Named("dashboard")
@RequestScoped
public class DashboardBean {
  @Inject JobListing listing;
  @Inject NodeAdmin nodes;
  @Inject PodLifecycle pods;
  @Inject Database db;
  @Inject Clock clock;

  private double[] hours;
  private PodCosts.Summary month;

  private Map<String, Long> queue;

  public Map<String, Long> getQueue() {
    if (queue == null) {
      queue = listing.countsByStatus();
    }
    return queue;
  }

  public long count(String status) {
    return getQueue().getOrDefault(status, 0L);
  }

  public long getActiveNodes() {
    return nodes.list().stream().filter(n -> n.status() != NodeStatus.OFFLINE).count();
  }

  public long getReadyPods() {
    return pods.states().stream().filter(s -> s.phase() == SetupPhase.READY).count();
  }

  public long getStartingPods() {
    return pods.states().stream().filter(s -> s.phase().settingUp()).count();
  }

  private double[] hours() {
    if (hours == null) {
      hours = Throughput.lastDay(db, clock.instant());
    }
    return hours;
  }

  public String getChart() {
    return Throughput.svg(hours(), 480, 120);
  }

  public double getAudioHours24() {
    double sum = 0;
    for (double h : hours()) {
      sum += h;
    }
    return PodCosts.round(sum, 2);
  }

  public double getAudioHoursLastHour() {
    double[] h = hours();
    return PodCosts.round(h[h.length - 1], 2);
  }

  private PodCosts.Summary month() {
    if (month == null) {
      Instant now = clock.instant();
      int day = now.atZone(ZoneOffset.UTC).getDayOfMonth();
      month = new PodCosts(db).summarize(now, day);
    }
    return month;
  }

  public double getCostToday() {
    String today = clock.instant().atZone(ZoneOffset.UTC).toLocalDate().toString();
    return month().perDay().stream()
        .filter(d -> d.day().equals(today))
        .mapToDouble(PodCosts.DayCost::cost)
        .sum();
  }

  public double getCostMonth() {
    return month().cost();
  }

  public Double getCostPerAudioHour() {
    return month().costPerAudioHour();
  }

  public long getFeeds() {
    return db.inTransaction(c -> Sql.count(c, "SELECT COUNT(*) FROM feed"));
  }
}
