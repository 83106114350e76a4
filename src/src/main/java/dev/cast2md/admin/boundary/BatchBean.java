package dev.cast2md.admin.boundary;

import dev.cast2md.batch.boundary.BatchJobsResource;
import dev.cast2md.batch.boundary.ExecutionView;
import dev.cast2md.batch.boundary.StartJobRequest;
import dev.cast2md.batch.control.JobParameters;
import dev.cast2md.batch.entity.BacklogProgress;
import dev.cast2md.batch.entity.RefreshReport;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Batch jobs: submit transcribe-backlog or refresh-feeds with their parameters, watch their
 * progress, stop, restart, read the report. Everything goes through the batch REST resource.
 */
@Named("batch")
@RequestScoped
public class BatchBean {
  /** The parameters each job takes, in the order the form shows them. */
  static final Map<String, List<String>> PARAMETERS = JobParameters.USER_PARAMETERS;

  private static final Jsonb PRETTY = JsonbBuilder.create(new JsonbConfig().withFormatting(true));

  @Inject BatchJobsResource api;

  private List<ExecutionView> executions;
  private String jobName;

  public List<String> getJobNames() {
    return List.of("transcribe-backlog", "refresh-feeds");
  }

  public List<String> parameters(String job) {
    return PARAMETERS.getOrDefault(job, List.of());
  }

  /** The latest executions in detail (progress and report), newest first. */
  @SuppressWarnings("unchecked")
  public List<ExecutionView> getExecutions() {
    if (executions == null) {
      List<ExecutionView> summaries = (List<ExecutionView>) api.list(null, 20).get("executions");
      executions = summaries.stream().map(e -> api.get(e.executionId())).toList();
    }
    return executions;
  }

  /** How far an execution has come, 0 to 100, or -1 when it does not say. */
  public int percent(ExecutionView e) {
    if (e.progress() instanceof BacklogProgress p && p.selected() > 0) {
      return (int) (100 * p.done() / p.selected());
    }
    if (e.progress() instanceof RefreshReport r && r.feeds() > 0) {
      return (int) (100 * (r.refreshed() + r.notModified() + r.failed()) / r.feeds());
    }
    return "completed".equals(e.status()) ? 100 : -1;
  }

  public String progressText(ExecutionView e) {
    if (e.progress() instanceof BacklogProgress p) {
      return p.done()
          + " of "
          + p.selected()
          + " done ("
          + p.transcribed()
          + " transcribed, "
          + p.fromPublisher()
          + " from publishers, "
          + p.failed()
          + " failed), "
          + p.queued()
          + " queued, "
          + p.running()
          + " running"
          + (p.etaSeconds() == null ? "" : ", about " + (p.etaSeconds() / 60 + 1) + " min left");
    }
    if (e.progress() instanceof RefreshReport r) {
      return r.refreshed()
          + " refreshed, "
          + r.notModified()
          + " not modified, "
          + r.failed()
          + " failed of "
          + r.feeds()
          + " feeds; "
          + r.newEpisodes()
          + " new episodes";
    }
    return "";
  }

  public String report(ExecutionView e) {
    return e.report() == null ? null : PRETTY.toJson(e.report());
  }

  public boolean running(ExecutionView e) {
    return "started".equals(e.status()) || "starting".equals(e.status());
  }

  public boolean restartable(ExecutionView e) {
    return ("stopped".equals(e.status()) || "failed".equals(e.status()))
        && e.executions() != null
        && e.executions().get(e.executions().size() - 1) == e.executionId();
  }

  /** The form posts the job's name as the button's value and each parameter as p_JOB_NAME. */
  public void submit() {
    String job = Console.param("submit:go");
    if (job == null || !PARAMETERS.containsKey(job)) {
      return;
    }
    jobName = job;
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (String name : parameters(jobName)) {
      String v = Console.param("p_" + jobName + "_" + name);
      if (v != null) {
        parameters.put(name, v);
      }
    }
    Console.attempt(
        () -> {
          ExecutionView e =
              (ExecutionView) api.start(new StartJobRequest(jobName, parameters)).getEntity();
          return jobName + " started as execution " + e.executionId();
        });
    executions = null;
  }

  public void stop() {
    Long id = Console.longParam("runs:stop");
    if (id != null) {
      Console.attempt(() -> "Execution " + id + " is " + api.stop(id).status());
    }
    executions = null;
  }

  public void restart() {
    Long id = Console.longParam("runs:restart");
    if (id != null) {
      Console.attempt(
          () ->
              "Execution "
                  + id
                  + " restarted as "
                  + ((ExecutionView) api.restart(id).getEntity()).executionId());
    }
    executions = null;
  }

  public String ago(String instant) {
    return Console.ago(instant);
  }
}
