package dev.cast2md.batch.boundary;

import dev.cast2md.batch.control.BacklogItems;
import dev.cast2md.batch.control.EpisodeSelection;
import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.Candidate;
import dev.cast2md.platform.control.Database;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads the backlog's selection a page at a time behind a keyset cursor (the last episode id); the
 * checkpoint is the id of the last episode handed on. On restart it resumes after the later of the
 * checkpoint and the highest episode already recorded, so nothing is selected twice and the limit
 * counts what was recorded.
 */
@Named("backlogReader")
@Dependent
public class BacklogReader extends AbstractItemReader {
  @Inject JobContext job;
  @Inject Database db;
  @Inject BacklogItems items;
  @Inject BatchExecutions executions;
  @Inject OutsideChunkTransaction outside;

  private BacklogParameters parameters;
  private final Deque<Candidate> buffer = new ArrayDeque<>();
  private long fetchedUpTo;
  private long handedUpTo;
  private long count;

  @Override
  public void open(Serializable checkpoint) {
    parameters = executions.backlogParameters(job.getExecutionId());
    BacklogItems.ResumePoint recorded = outside.call(() -> items.resumePoint(job.getInstanceId()));
    long fromCheckpoint = checkpoint instanceof Long id ? id : 0;
    fetchedUpTo = Math.max(fromCheckpoint, recorded.lastEpisodeId());
    handedUpTo = fetchedUpTo;
    count = recorded.count();
  }

  @Override
  public Object readItem() {
    if (buffer.isEmpty()) {
      int page = parameters.chunkSize();
      if (parameters.limit() != null) {
        page = (int) Math.min(page, parameters.limit() - count);
      }
      if (page <= 0) {
        return null;
      }
      int size = page;
      long after = fetchedUpTo;
      List<Candidate> next =
          outside.call(
              () -> db.inTransaction(c -> EpisodeSelection.page(c, parameters, after, size)));
      if (next.isEmpty()) {
        return null;
      }
      buffer.addAll(next);
      fetchedUpTo = next.get(next.size() - 1).episodeId();
    }
    Candidate candidate = buffer.poll();
    handedUpTo = candidate.episodeId();
    count++;
    return candidate;
  }

  @Override
  public Serializable checkpointInfo() {
    return handedUpTo;
  }
}
