package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogMonitor;
import dev.cast2md.batch.control.BadParameterException;
import dev.cast2md.batch.control.BatchRuns;
import dev.cast2md.batch.control.DatabaseChecks;
import dev.cast2md.batch.control.FeedRefreshes;
import dev.cast2md.batch.control.JobParameters;
import dev.cast2md.batch.entity.BatchJob;
import dev.cast2md.platform.boundary.QueryParams;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotMostRecentException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.batch.runtime.StepExecution;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Submits, lists, stops and restarts the batch jobs (JSR-352) and shows their progress. */
@Path("/batch/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "batch")
public class BatchJobsResource {
  @Inject BatchExecutions executions;
  @Inject DatabaseChecks checks;
  @Inject BatchRuns runs;
  @Inject BacklogMonitor backlog;
  @Inject FeedRefreshes refreshes;
  @Inject Jsonb jsonb;

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(summary = "Start a job (transcribe-backlog, refresh-feeds); answers its execution id")
  public Response start(StartJobRequest request) {
    if (request == null) {
      throw new BadRequestException(
          "A JSON body with 'job_name' and 'parameters' is required; known jobs: "
              + BatchJob.names());
    }
    Properties parameters;
    try {
      parameters = JobParameters.validate(request.jobName(), request.parameters(), checks);
    } catch (BadParameterException e) {
      throw new BadRequestException(e.getMessage());
    }
    String name = request.jobName().trim();
    long executionId = operator().start(name, parameters);
    return Response.created(URI.create("/api/batch/jobs/" + executionId))
        .entity(summary(operator().getJobExecution(executionId)))
        .build();
  }

  @GET
  @Operation(summary = "Executions of the batch jobs, newest first")
  public Map<String, Object> list(
      @QueryParam("job_name") String jobName, @QueryParam("limit") @DefaultValue("50") int limit) {
    QueryParams.checkPage(limit, 0);
    List<BatchJob> jobs = new ArrayList<>();
    if (jobName == null || jobName.isBlank()) {
      jobs.addAll(List.of(BatchJob.values()));
    } else {
      jobs.add(
          BatchJob.byName(jobName.trim())
              .orElseThrow(
                  () ->
                      new BadRequestException(
                          "Unknown job '" + jobName + "'; known jobs: " + BatchJob.names())));
    }
    JobOperator op = operator();
    List<ExecutionView> views = new ArrayList<>();
    for (BatchJob job : jobs) {
      List<JobInstance> instances;
      try {
        instances = op.getJobInstances(job.xmlName(), 0, limit);
      } catch (NoSuchJobException e) {
        continue; // never run yet
      }
      for (JobInstance instance : instances) {
        for (JobExecution e : op.getJobExecutions(instance)) {
          views.add(ExecutionView.summary(e, instance.getInstanceId(), null));
        }
      }
    }
    views.sort(Comparator.comparingLong(ExecutionView::executionId).reversed());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("executions", views.size() <= limit ? views : views.subList(0, limit));
    out.put("job_names", List.of(BatchJob.values()).stream().map(BatchJob::xmlName).toList());
    return out;
  }

  @GET
  @Path("/{executionId}")
  @Operation(summary = "An execution: status, step, progress and, once done, its report")
  public ExecutionView get(@PathParam("executionId") long executionId) {
    return detail(executionId);
  }

  @POST
  @Path("/{executionId}/stop")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Stop a running execution; a backlog withdraws its queued jobs")
  public ExecutionView stop(@PathParam("executionId") long executionId) {
    execution(executionId);
    try {
      operator().stop(executionId);
    } catch (RuntimeException e) {
      throw translated(e, executionId);
    }
    return detail(executionId);
  }

  @POST
  @Path("/{executionId}/restart")
  @Consumes(MediaType.WILDCARD)
  @Operation(summary = "Restart a stopped or failed execution where it stopped")
  public Response restart(@PathParam("executionId") long executionId) {
    JobOperator op = operator();
    long restarted;
    execution(executionId);
    try {
      restarted = op.restart(executionId, op.getParameters(executionId));
    } catch (RuntimeException e) {
      throw translated(e, executionId);
    }
    return Response.created(URI.create("/api/batch/jobs/" + restarted))
        .entity(summary(op.getJobExecution(restarted)))
        .build();
  }

  /**
   * The batch runtime's refusals as answers; Liberty may wrap them (e.g. in its persistence
   * exception), so the causes are searched. Anything else is a server fault and stays one.
   */
  private RuntimeException translated(RuntimeException e, long executionId) {
    if (causedBy(e, NoSuchJobExecutionException.class)) {
      return notFound(executionId);
    }
    if (causedBy(e, JobExecutionNotRunningException.class)) {
      return new ClientErrorException(
          "Execution "
              + executionId
              + " is "
              + statusOf(executionId)
              + "; only a running execution can be stopped",
          409);
    }
    if (causedBy(e, JobExecutionAlreadyCompleteException.class)) {
      return new ClientErrorException(
          "Execution " + executionId + " completed; there is nothing to restart", 409);
    }
    if (causedBy(e, JobExecutionNotMostRecentException.class)) {
      return new ClientErrorException(
          "Execution "
              + executionId
              + " is not the latest of its job instance; restart the latest one",
          409);
    }
    if (causedBy(e, JobRestartException.class)) {
      return new ClientErrorException(
          "Execution "
              + executionId
              + " cannot be restarted ("
              + statusOf(executionId)
              + "); only a stopped or failed execution can",
          409);
    }
    return e;
  }

  /** The execution, or 404. */
  private JobExecution execution(long executionId) {
    try {
      return operator().getJobExecution(executionId);
    } catch (RuntimeException e) {
      throw translated(e, executionId);
    }
  }

  private String statusOf(long executionId) {
    try {
      return ExecutionView.status(operator().getJobExecution(executionId));
    } catch (RuntimeException e) {
      return "unknown";
    }
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private JobOperator operator() {
    return executions.operator();
  }

  private static NotFoundException notFound(long executionId) {
    return new NotFoundException("No batch job execution " + executionId);
  }

  private ExecutionView summary(JobExecution e) {
    return ExecutionView.summary(
        e, operator().getJobInstance(e.getExecutionId()).getInstanceId(), null);
  }

  private ExecutionView detail(long executionId) {
    JobOperator op = operator();
    JobExecution e;
    JobInstance instance;
    try {
      e = op.getJobExecution(executionId);
      instance = op.getJobInstance(executionId);
    } catch (RuntimeException ex) {
      throw translated(ex, executionId);
    }
    List<StepExecution> steps = new ArrayList<>(op.getStepExecutions(executionId));
    steps.sort(
        Comparator.comparing(
            s -> s.getStartTime() == null ? new java.util.Date(0) : s.getStartTime()));
    String current =
        steps.stream()
            .filter(s -> s.getBatchStatus() == BatchStatus.STARTED)
            .map(StepExecution::getStepName)
            .findFirst()
            .orElse(steps.isEmpty() ? null : steps.get(steps.size() - 1).getStepName());
    Map<String, String> parameters = new TreeMap<>();
    Properties p = op.getParameters(executionId);
    if (p != null) {
      p.stringPropertyNames().forEach(k -> parameters.put(k, p.getProperty(k)));
    }
    List<Long> chain =
        op.getJobExecutions(instance).stream().map(JobExecution::getExecutionId).sorted().toList();
    long instanceId = instance.getInstanceId();
    BatchRuns.Run run = runs.find(instanceId).orElse(null);
    Object progress = null;
    if (BatchJob.TRANSCRIBE_BACKLOG.xmlName().equals(e.getJobName())) {
      progress = backlog.progress(instanceId, executions.windows(chain.get(chain.size() - 1)));
    } else if (BatchJob.REFRESH_FEEDS.xmlName().equals(e.getJobName()) && run != null) {
      progress = refreshes.report(instanceId, run.planned() == null ? 0 : run.planned());
    }
    Object report =
        run == null || run.reportJson() == null
            ? null
            : jsonb.fromJson(run.reportJson(), Map.class);
    return new ExecutionView(
        executionId,
        instanceId,
        e.getJobName(),
        ExecutionView.status(e),
        e.getExitStatus(),
        ExecutionView.iso(e.getCreateTime()),
        ExecutionView.iso(e.getStartTime()),
        ExecutionView.iso(e.getEndTime()),
        current,
        parameters,
        steps.stream().map(ExecutionView.StepView::of).toList(),
        chain,
        run == null ? null : run.message(),
        progress,
        report);
  }
}
