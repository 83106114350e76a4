package dev.cast2md.queue.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.feeds.control.EpisodeRepository;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.queue.control.JobQueue.Delivery;
import dev.cast2md.queue.entity.ClaimedJob;
import dev.cast2md.queue.entity.EnqueueResult;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import dev.cast2md.testing.MutableClock;
import dev.cast2md.testing.SimplePool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Queue semantics that must hold on every database; subclasses choose the database. */
abstract class JobQueueContract {
  static final String NODE_A = "node-a";
  static final String NODE_B = "node-b";

  SimplePool pool;
  Database db;
  MutableClock clock;
  JobQueue queue;

  abstract SimplePool newPool(int size);

  @BeforeEach
  void setUp() {
    pool = newPool(17);
    db = new Database(pool);
    clock = MutableClock.startingNow();
    queue = new JobQueue(db, clock, QueuePolicy.defaults());
  }

  @AfterEach
  void tearDown() {
    pool.close();
  }

  long episode(String title) {
    return db.inTransaction(
        c ->
            EpisodeRepository.createStandalone(
                c, title, "http://x/" + title, null, clock.instant()));
  }

  long queued(String title, int priority) {
    return queue.enqueue(episode(title), JobType.TRANSCRIBE, priority).jobId();
  }

  Job job(long id) {
    return queue.find(id).orElseThrow();
  }

  EpisodeStatus episodeStatus(long episodeId) {
    return db.inTransaction(c -> EpisodeRepository.find(c, episodeId)).orElseThrow().status();
  }

  void startWork(long jobId) {
    db.inTransaction(
        c -> {
          queue.markWorkStarted(c, jobId);
          return null;
        });
  }

  JobStatus fail(long jobId, String node, boolean retry) {
    return db.inTransaction(
        c -> queue.fail(c, queue.lock(c, jobId).orElseThrow(), node, "boom", retry));
  }

  Delivery deliver(long jobId, String node) {
    return db.inTransaction(
        c -> {
          Job locked = queue.lock(c, jobId).orElseThrow();
          Delivery d = queue.judgeDelivery(c, locked, node);
          if (d == Delivery.ACCEPT) {
            queue.complete(c, locked, node);
          }
          return d;
        });
  }

  @Test
  void claimsByPriorityThenAge() {
    long late = queued("late-urgent", 1);
    clock.advance(Duration.ofSeconds(1));
    long normal1 = queued("normal-1", 10);
    clock.advance(Duration.ofSeconds(1));
    long normal2 = queued("normal-2", 10);
    long urgentNewest = queued("urgent-newest", 1);

    List<Long> order = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      order.add(queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow().job().id());
    }
    assertEquals(List.of(late, urgentNewest, normal1, normal2), order);
    assertTrue(queue.claim(NODE_A, JobType.TRANSCRIBE).isEmpty());
  }

  @Test
  void claimOnlyTakesItsType() {
    queue.enqueue(episode("dl"), JobType.DOWNLOAD, 10);
    assertTrue(queue.claim(NODE_A, JobType.TRANSCRIBE).isEmpty());
    assertTrue(queue.claim(NODE_A, JobType.DOWNLOAD).isPresent());
  }

  @Test
  void enqueueingTwiceIsANoOp() {
    long ep = episode("twice");
    EnqueueResult first = queue.enqueue(ep, JobType.TRANSCRIBE, 10);
    EnqueueResult second = queue.enqueue(ep, JobType.TRANSCRIBE, 1);
    assertTrue(first.created());
    assertFalse(second.created());
    assertEquals(first.jobId(), second.jobId());
    assertEquals(10, job(first.jobId()).priority());
    // another type for the same episode is its own job
    assertTrue(queue.enqueue(ep, JobType.DOWNLOAD, 10).created());
  }

  @Test
  void aFinishedJobDoesNotBlockANewOne() {
    long ep = episode("again");
    long id = queue.enqueue(ep, JobType.TRANSCRIBE, 10).jobId();
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    assertEquals(Delivery.ACCEPT, deliver(id, NODE_A));
    EnqueueResult again = queue.enqueue(ep, JobType.TRANSCRIBE, 10);
    assertTrue(again.created());
  }

  @Test
  void aClaimHoldsALeaseAndCostsNoAttemptUntilWorkStarts() {
    long id = queued("lease", 10);
    ClaimedJob claimed = queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    assertEquals("lease", claimed.episodeTitle());
    assertEquals("http://x/lease", claimed.enclosureUrl());
    Job j = job(id);
    assertEquals(JobStatus.RUNNING, j.status());
    assertEquals(NODE_A, j.assignedNodeId());
    assertEquals(clock.instant().plus(queue.policy().lease()), j.leaseExpiresAt());
    assertEquals(0, j.attempts());
    assertEquals(EpisodeStatus.TRANSCRIBING, episodeStatus(j.episodeId()));

    startWork(id);
    startWork(id);
    assertEquals(1, job(id).attempts());
  }

  @Test
  void aRetryableFailureWaitsForItsBackoff() {
    long id = queued("flaky", 10);
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    assertEquals(JobStatus.QUEUED, fail(id, NODE_A, true));
    Job j = job(id);
    assertEquals(1, j.attempts());
    assertEquals("boom", j.errorMessage());
    assertNull(j.assignedNodeId());
    assertEquals(clock.instant().plus(Duration.ofMinutes(5)), j.nextRetryAt());
    assertEquals(EpisodeStatus.NEW, episodeStatus(j.episodeId()), "retry is not a failure");

    assertTrue(queue.claim(NODE_B, JobType.TRANSCRIBE).isEmpty(), "still backing off");
    clock.advance(Duration.ofMinutes(5));
    assertEquals(id, queue.claim(NODE_B, JobType.TRANSCRIBE).orElseThrow().job().id());
    assertEquals(JobStatus.QUEUED, fail(id, NODE_B, true));
    assertEquals(clock.instant().plus(Duration.ofMinutes(25)), job(id).nextRetryAt());
  }

  @Test
  void backoffGrowsToItsCap() {
    QueuePolicy p = QueuePolicy.defaults();
    assertEquals(Duration.ofMinutes(5), p.backoffAfter(1));
    assertEquals(Duration.ofMinutes(125), p.backoffAfter(3));
    assertEquals(Duration.ofHours(12), p.backoffAfter(5));
    assertEquals(Duration.ofHours(12), p.backoffAfter(40));
  }

  @Test
  void aPermanentFailureEndsTheJobAndMarksTheEpisode() {
    long id = queued("gone", 10);
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    assertEquals(JobStatus.FAILED, fail(id, NODE_A, false));
    Job j = job(id);
    assertEquals(JobStatus.FAILED, j.status());
    assertNotNull(j.completedAt());
    var ep = db.inTransaction(c -> EpisodeRepository.find(c, j.episodeId())).orElseThrow();
    assertEquals(EpisodeStatus.FAILED, ep.status());
    assertTrue(ep.permanentFailure());
  }

  @Test
  void attemptsRunOutAfterMaxAttempts() {
    queue = new JobQueue(db, clock, withMaxAttempts(2));
    long id = queued("poison", 10);
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    assertEquals(JobStatus.QUEUED, fail(id, NODE_A, true));
    clock.advance(Duration.ofHours(13));
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    assertEquals(JobStatus.FAILED, fail(id, NODE_A, true));
    assertTrue(job(id).errorMessage().startsWith("Max attempts exceeded"));
    assertEquals(EpisodeStatus.FAILED, episodeStatus(job(id).episodeId()));
  }

  @Test
  void anExpiredLeaseReturnsTheJobAndARenewedOneKeepsIt() {
    long kept = queued("long-episode", 10);
    long lost = queued("dead-node", 10);
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    queue.claim(NODE_B, JobType.TRANSCRIBE).orElseThrow();
    startWork(kept);

    // node A heartbeats every 30 s through a three-hour episode; node B went silent
    for (int i = 0; i < 360; i++) {
      clock.advance(Duration.ofSeconds(30));
      db.inTransaction(c -> queue.renewLeases(c, NODE_A));
      queue.reclaimExpiredLeases();
    }
    assertEquals(NODE_A, job(kept).assignedNodeId());
    assertEquals(JobStatus.RUNNING, job(kept).status());
    Job reclaimed = job(lost);
    assertEquals(JobStatus.QUEUED, reclaimed.status());
    assertNull(reclaimed.assignedNodeId());
    assertEquals(0, reclaimed.attempts(), "no work was ever started on it");
  }

  @Test
  void aLateResultAfterLeaseExpiryIsStillTaken() {
    long id = queued("late", 10);
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    startWork(id);
    clock.advance(Duration.ofMinutes(6));
    assertEquals(List.of(id), queue.reclaimExpiredLeases());
    queue.claim(NODE_B, JobType.TRANSCRIBE).orElseThrow();

    assertEquals(Delivery.ACCEPT, deliver(id, NODE_A));
    assertEquals(JobStatus.COMPLETED, job(id).status());
    // node B finishes too: a harmless duplicate, the job stays complete
    assertEquals(Delivery.ALREADY_COMPLETE, deliver(id, NODE_B));
    // and node A retries its upload
    assertEquals(Delivery.ALREADY_COMPLETE, deliver(id, NODE_A));
  }

  @Test
  void aResultAfterTheNodeReleasedTheJobIsRefused() {
    long id = queued("released", 10);
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    JobStatus after =
        db.inTransaction(c -> queue.release(c, queue.lock(c, id).orElseThrow(), NODE_A));
    assertEquals(JobStatus.QUEUED, after);
    assertEquals(0, job(id).attempts(), "a release before any work costs no attempt");
    assertEquals(Delivery.NOT_ASSIGNED, deliver(id, NODE_A));
    assertEquals(Delivery.NOT_ASSIGNED, deliver(id, "stranger"));
    assertEquals(JobStatus.QUEUED, job(id).status());
  }

  @Test
  void heartbeatOrphanReleaseSparesFreshClaims() {
    long old = queued("old", 10);
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    clock.advance(Duration.ofMinutes(2));
    long fresh = queued("fresh", 10);
    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();

    List<Long> released =
        db.inTransaction(
            c ->
                queue.releaseOrphans(
                    c, NODE_A, Set.of(), clock.instant().minus(queue.policy().orphanGrace())));
    assertEquals(List.of(old), released);
    assertEquals(JobStatus.QUEUED, job(old).status());
    assertEquals(NODE_A, job(fresh).assignedNodeId());
  }

  @Test
  void operatorsRetryCancelAndReprioritise() {
    long id = queued("ops", 10);
    assertEquals(3, queue.reprioritise(id, 3).orElseThrow().priority());
    assertEquals(JobStatus.CANCELLED, queue.cancel(id).orElseThrow().status());
    assertThrows(JobQueue.QueueConflictException.class, () -> queue.cancel(id));
    Job retried = queue.retry(id).orElseThrow();
    assertEquals(JobStatus.QUEUED, retried.status());
    assertEquals(0, retried.attempts());
    assertThrows(JobQueue.QueueConflictException.class, () -> queue.retry(id));
    assertTrue(queue.retry(999_999).isEmpty());

    queue.claim(NODE_A, JobType.TRANSCRIBE).orElseThrow();
    queue.cancel(id);
    assertEquals(Delivery.CANCELLED, deliver(id, NODE_A));
  }

  @Test
  void sixteenClaimersTakeEachOfTwoThousandJobsExactlyOnce() throws Exception {
    int jobs = 2000;
    db.inTransaction(
        c -> {
          for (int i = 0; i < jobs; i++) {
            long ep =
                EpisodeRepository.createStandalone(
                    c, "e" + i, "http://x/" + i, null, clock.instant());
            queue.enqueue(c, ep, JobType.TRANSCRIBE, i % 3);
          }
          return null;
        });
    ExecutorService claimers = Executors.newFixedThreadPool(16);
    List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      String node = "node-" + t;
      futures.add(
          claimers.submit(
              () -> {
                Optional<ClaimedJob> next;
                while ((next = queue.claim(node, JobType.TRANSCRIBE)).isPresent()) {
                  claimed.add(next.get().job().id());
                }
              }));
    }
    for (Future<?> f : futures) {
      f.get();
    }
    claimers.shutdown();
    assertEquals(jobs, claimed.size(), "every claim handed out one job");
    assertEquals(jobs, new HashSet<>(claimed).size(), "no job was handed out twice");
  }

  static QueuePolicy withMaxAttempts(int max) {
    QueuePolicy d = QueuePolicy.defaults();
    return new QueuePolicy(
        d.lease(),
        d.orphanGrace(),
        d.retryBackoffBase(),
        d.retryBackoffFactor(),
        d.retryBackoffCap(),
        max);
  }
}
