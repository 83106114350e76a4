package dev.cast2md.batch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.Candidate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SelectionCursorTest {
  /** Episodes 1..20, every third not selected. */
  static final List<Long> SELECTED =
      LongStream.rangeClosed(1, 20).filter(id -> id % 3 != 0).boxed().toList();

  final List<Integer> pageSizes = new ArrayList<>();

  SelectionCursor.Pages pages() {
    return (after, max) -> {
      pageSizes.add(max);
      return SELECTED.stream()
          .filter(id -> id > after)
          .limit(max)
          .map(id -> new Candidate(id, false))
          .toList();
    };
  }

  static BacklogParameters params(String chunk, String limit) {
    return limit == null
        ? JobParameters.backlog(Map.of("chunk_size", chunk))
        : JobParameters.backlog(Map.of("chunk_size", chunk, "limit", limit));
  }

  static List<Long> drain(SelectionCursor cursor) {
    List<Long> ids = new ArrayList<>();
    for (Candidate c = cursor.next(); c != null; c = cursor.next()) {
      ids.add(c.episodeId());
    }
    return ids;
  }

  @Test
  void pagesThroughTheSelectionAChunkAtATime() {
    SelectionCursor cursor =
        new SelectionCursor(params("4", null), pages(), null, new BacklogItems.ResumePoint(0, 0));
    assertEquals(SELECTED, drain(cursor));
    assertEquals(20, cursor.checkpoint());
    assertEquals(List.of(4, 4, 4, 4, 4), pageSizes, "bounded pages, the last one empty");
  }

  @Test
  void aRestartResumesAfterTheCheckpoint() {
    SelectionCursor cursor =
        new SelectionCursor(params("4", null), pages(), 8L, new BacklogItems.ResumePoint(8, 6));
    assertEquals(SELECTED.subList(6, SELECTED.size()), drain(cursor));
  }

  @Test
  void workCommittedWhoseCheckpointWasLostIsNotSelectedAgain() {
    // the chunk up to 11 was recorded, then the server died before the checkpoint (8) was saved
    SelectionCursor cursor =
        new SelectionCursor(params("4", null), pages(), 8L, new BacklogItems.ResumePoint(11, 8));
    assertEquals(List.of(13L, 14L, 16L, 17L, 19L, 20L), drain(cursor));
  }

  @Test
  void theLimitCountsWhatWasRecordedBeforeTheRestart() {
    SelectionCursor cursor =
        new SelectionCursor(params("4", "10"), pages(), 8L, new BacklogItems.ResumePoint(8, 6));
    assertEquals(List.of(10L, 11L, 13L, 14L), drain(cursor));
    assertNull(cursor.next());
    assertEquals(14, cursor.checkpoint());
  }
}
