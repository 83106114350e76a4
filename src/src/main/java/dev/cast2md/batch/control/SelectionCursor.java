package dev.cast2md.batch.control;

import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.Candidate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Where the backlog's selection stands: hands out the selected episodes one by one from pages of at
 * most a chunk, and says how far it got (the checkpoint: the id of the last episode handed out). On
 * restart it resumes after the later of the checkpoint and the highest episode already recorded (a
 * chunk can commit its work and then lose its checkpoint in a crash), so nothing is selected twice,
 * and the limit counts what was recorded.
 */
public class SelectionCursor {
  /** Reads one page of the selection: up to {@code max} episodes with an id above the given one. */
  @FunctionalInterface
  public interface Pages {
    List<Candidate> after(long afterId, int max);
  }

  private final BacklogParameters parameters;
  private final Pages pages;
  private final Deque<Candidate> buffer = new ArrayDeque<>();
  private long fetchedUpTo;
  private long handedUpTo;
  private long count;

  /**
   * @param checkpoint the batch runtime's checkpoint, null on a first start
   * @param recorded what the run has recorded so far
   */
  public SelectionCursor(
      BacklogParameters parameters,
      Pages pages,
      Long checkpoint,
      BacklogItems.ResumePoint recorded) {
    this.parameters = parameters;
    this.pages = pages;
    this.fetchedUpTo = Math.max(checkpoint == null ? 0 : checkpoint, recorded.lastEpisodeId());
    this.handedUpTo = fetchedUpTo;
    this.count = recorded.count();
  }

  /** The next selected episode, or null when the selection (or its limit) is exhausted. */
  public Candidate next() {
    if (buffer.isEmpty()) {
      long page = parameters.chunkSize();
      if (parameters.limit() != null) {
        page = Math.min(page, parameters.limit() - count);
      }
      if (page <= 0) {
        return null;
      }
      List<Candidate> next = pages.after(fetchedUpTo, (int) page);
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

  public long checkpoint() {
    return handedUpTo;
  }
}
