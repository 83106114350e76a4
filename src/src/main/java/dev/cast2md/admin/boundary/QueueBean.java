package dev.cast2md.admin.boundary;

import dev.cast2md.queue.boundary.JobView;
import dev.cast2md.queue.boundary.PriorityRequest;
import dev.cast2md.queue.boundary.QueueResource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Map;

/** The queue: counts, jobs filtered by state and type, retry, cancel, reprioritise. */
@Named("queue")
@RequestScoped
public class QueueBean {
  @Inject QueueResource api;

  private Map<String, Object> page;
  private Long jobId;
  private Integer priority;

  public String getStatus() {
    return Console.param("status");
  }

  public String getType() {
    return Console.param("type");
  }

  public List<String> getStates() {
    return List.of("queued", "running", "failed", "completed", "cancelled");
  }

  public List<String> getTypes() {
    return List.of("transcribe", "download", "transcript_download");
  }

  @SuppressWarnings("unchecked")
  public Map<String, Long> getCounts() {
    return (Map<String, Long>) api.status().get("counts");
  }

  private Map<String, Object> page() {
    if (page == null) {
      try {
        page = api.list(getStatus(), getType(), null, null, 100, 0);
      } catch (RuntimeException e) {
        Console.error(e.getMessage());
        page = Map.of("jobs", List.of(), "total", 0L);
      }
    }
    return page;
  }

  @SuppressWarnings("unchecked")
  public List<JobView> getJobs() {
    return (List<JobView>) page().get("jobs");
  }

  public long getTotal() {
    return ((Number) page().get("total")).longValue();
  }

  public void retry() {
    Long id = Console.longParam("jobs:retry");
    if (id != null) {
      Console.attempt(() -> "Job " + api.retry(id).id() + " queued again");
    }
    page = null;
  }

  public void cancel() {
    Long id = Console.longParam("jobs:cancel");
    if (id != null) {
      Console.attempt(() -> "Job " + api.cancel(id).id() + " cancelled");
    }
    page = null;
  }

  public void reprioritise() {
    if (jobId == null || priority == null) {
      Console.error("Give a job id and a priority (0 to 1000, lower runs first)");
      return;
    }
    Console.attempt(
        () ->
            "Job "
                + jobId
                + " now has priority "
                + api.reprioritise(jobId, new PriorityRequest(priority)).priority());
    page = null;
  }

  public Long getJobId() {
    return jobId;
  }

  public void setJobId(Long jobId) {
    this.jobId = jobId;
  }

  public Integer getPriority() {
    return priority;
  }

  public void setPriority(Integer priority) {
    this.priority = priority;
  }

  public String ago(String instant) {
    return Console.ago(instant);
  }
}
