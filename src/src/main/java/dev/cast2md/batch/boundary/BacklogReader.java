package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogItems;
import dev.cast2md.batch.control.EpisodeSelection;
import dev.cast2md.batch.control.SelectionCursor;
import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.platform.control.Database;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Reads the backlog's selection a page at a time behind a keyset cursor (see {@link
 * SelectionCursor}); the checkpoint is the id of the last episode handed on.
 */
@Named("backlogReader")
@Dependent
public class BacklogReader extends AbstractItemReader {
  @Inject JobContext job;
  @Inject Database db;
  @Inject BacklogItems items;
  @Inject BatchExecutions executions;
  @Inject OutsideChunkTransaction outside;

  private SelectionCursor cursor;

  @Override
  public void open(Serializable checkpoint) {
    BacklogParameters parameters = executions.backlogParameters(job.getExecutionId());
    BacklogItems.ResumePoint recorded = outside.call(() -> items.resumePoint(job.getInstanceId()));
    cursor =
        new SelectionCursor(
            parameters,
            (after, max) ->
                outside.call(
                    () -> db.inTransaction(c -> EpisodeSelection.page(c, parameters, after, max))),
            checkpoint instanceof Long id ? id : null,
            recorded);
  }

  @Override
  public Object readItem() {
    return cursor.next();
  }

  @Override
  public Serializable checkpointInfo() {
    return cursor.checkpoint();
  }
}
