package dev.cast2md.worker.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrefetchQueueTest {
  private static PreparedJob job(long id) {
    return new PreparedJob(id, null, null, null, List.of());
  }

  @Test
  void holdsAtMostItsCapacityCountingJobsStillDownloading() {
    PrefetchQueue queue = new PrefetchQueue(3);
    assertTrue(queue.tryReserve(1));
    assertTrue(queue.tryReserve(2));
    assertTrue(queue.fulfil(job(1)));
    assertTrue(queue.tryReserve(3));
    assertFalse(queue.tryReserve(4), "two downloading and one ready fill three slots");
    assertEquals(List.of(2L, 3L, 1L), queue.heldJobIds());
  }

  @Test
  void jobsAreTakenOldestReadyFirst() throws Exception {
    PrefetchQueue queue = new PrefetchQueue(3);
    queue.tryReserve(1);
    queue.tryReserve(2);
    queue.fulfil(job(2));
    queue.fulfil(job(1));
    assertEquals(2, queue.take(Duration.ZERO).orElseThrow().jobId());
    assertEquals(1, queue.take(Duration.ZERO).orElseThrow().jobId());
    assertTrue(queue.take(Duration.ofMillis(10)).isEmpty());
    assertTrue(queue.isEmpty());
  }

  @Test
  void aJobTheServerTookBackLeavesTheQueue() {
    PrefetchQueue queue = new PrefetchQueue(3);
    queue.tryReserve(1);
    queue.tryReserve(2);
    queue.fulfil(job(2));
    assertTrue(queue.remove(2).isPresent(), "a ready job is handed back for clean-up");
    assertTrue(queue.remove(1).isEmpty());
    assertFalse(queue.fulfil(job(1)), "a download that finishes after the take-back is refused");
    assertTrue(queue.isEmpty());
  }

  @Test
  void closingHandsBackReadyJobsAndRefusesNewOnes() {
    PrefetchQueue queue = new PrefetchQueue(3);
    queue.tryReserve(1);
    queue.tryReserve(2);
    queue.fulfil(job(1));
    assertEquals(1, queue.close().get(0).jobId());
    assertFalse(queue.fulfil(job(2)), "the preparing thread must release job 2 itself");
    assertFalse(queue.tryReserve(3));
  }

  @Test
  void anAbandonedReservationFreesItsSlot() throws Exception {
    PrefetchQueue queue = new PrefetchQueue(1);
    queue.tryReserve(1);
    assertFalse(queue.awaitRoom(Duration.ofMillis(10)));
    queue.abandon(1);
    assertTrue(queue.awaitRoom(Duration.ofMillis(10)));
  }
}
