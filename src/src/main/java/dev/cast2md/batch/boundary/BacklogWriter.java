package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogItems;
import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.Candidate;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Queues and records one chunk of the selection in one local transaction. */
@Named("backlogWriter")
@Dependent
public class BacklogWriter extends AbstractItemWriter {
  @Inject JobContext job;
  @Inject BacklogItems items;
  @Inject BatchExecutions executions;
  @Inject OutsideChunkTransaction outside;

  private BacklogParameters parameters;

  @Override
  public void open(Serializable checkpoint) {
    parameters = executions.backlogParameters(job.getExecutionId());
  }

  @Override
  public void writeItems(List<Object> chunk) {
    List<Candidate> candidates = chunk.stream().map(Candidate.class::cast).toList();
    outside.call(() -> items.record(job.getInstanceId(), candidates, parameters.priority()));
  }
}
