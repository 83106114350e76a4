package dev.cast2md.batch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.batch.entity.TimeWindow;
import dev.cast2md.pods.entity.PodRun;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodSpendTest {
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  static Instant h(double hours) {
    return T0.plusSeconds((long) (hours * 3600));
  }

  static PodRun run(double from, Double to, Double price) {
    return new PodRun(
        1,
        "i",
        "runpod",
        "p",
        "pod",
        "gpu",
        price,
        h(from),
        to == null ? null : h(to),
        0,
        0,
        "running",
        null);
  }

  @Test
  void countsOnlyTheTimeInsideTheExecutionWindows() {
    // run executed 0-2 h, stopped, restarted 5-6 h; a pod ran 1-7 h at $1/h
    List<TimeWindow> windows = List.of(new TimeWindow(h(0), h(2)), new TimeWindow(h(5), null));
    PodSpend spend = PodSpend.of(List.of(run(1, 7.0, 1.0)), windows, h(6));
    assertEquals(2.0, spend.podHours(), 1e-9); // 1-2 and 5-6
    assertEquals(2.0, spend.cost(), 1e-9);
    assertFalse(spend.unpriced());
  }

  @Test
  void aPodWithoutPriceCountsItsTimeAndSaysSo() {
    PodSpend spend =
        PodSpend.of(
            List.of(run(0, null, null), run(0, 1.0, 0.5)),
            List.of(new TimeWindow(h(0), null)),
            h(2));
    assertEquals(3.0, spend.podHours(), 1e-9);
    assertEquals(0.5, spend.cost(), 1e-9);
    assertTrue(spend.unpriced());
  }

  @Test
  void audioLengthFromSegmentsWhenTheFeedGaveNone() {
    assertEquals(
        12.5,
        AudioLength.ofSegments("[{\"start\":0,\"end\":4.2,\"text\":\"a\"},{\"end\":12.5}]"),
        1e-9);
    assertEquals(0, AudioLength.ofSegments(null), 1e-9);
    assertEquals(0, AudioLength.ofSegments("not json"), 1e-9);
  }

  @Test
  void partitionsShareFeedsRoundRobin() {
    assertEquals(3, FeedRefreshes.partitions(3, 4));
    assertEquals(1, FeedRefreshes.partitions(0, 4));
    assertEquals(List.of(2L, 5L), FeedRefreshes.share(List.of(1L, 2L, 3L, 4L, 5L), 1, 3));
  }
}
