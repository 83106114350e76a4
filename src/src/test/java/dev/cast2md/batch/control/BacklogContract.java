package dev.cast2md.batch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.BacklogProgress;
import dev.cast2md.batch.entity.BacklogReport;
import dev.cast2md.batch.entity.Candidate;
import dev.cast2md.batch.entity.TimeWindow;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.queue.entity.JobType;
import dev.cast2md.testing.MutableClock;
import dev.cast2md.testing.SimplePool;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Backlog selection, queueing, settling, stop and restart, and the report, on every database. */
abstract class BacklogContract {
  static final long RUN = 41;

  SimplePool pool;
  Database db;
  MutableClock clock;
  JobQueue queue;
  BacklogItems items;
  BacklogMonitor monitor;

  abstract SimplePool newPool(int size);

  @BeforeEach
  void setUp() {
    pool = newPool(4);
    db = new Database(pool);
    clock = MutableClock.startingNow();
    queue = new JobQueue(db, clock, QueuePolicy.defaults());
    items = new BacklogItems(db, queue, clock);
    monitor = new BacklogMonitor(db, items, clock);
  }

  @AfterEach
  void tearDown() {
    pool.close();
  }

  long feed(String url) {
    Instant now = clock.instant();
    return db.inTransaction(
        c ->
            Sql.insert(
                c,
                "INSERT INTO feed (url, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                url,
                url,
                now,
                now));
  }

  long episode(long feedId, String guid, EpisodeStatus status, Instant published) {
    return episode(feedId, guid, status, published, null, 1800);
  }

  long episode(
      long feedId,
      String guid,
      EpisodeStatus status,
      Instant published,
      String transcriptUrl,
      Integer duration) {
    Instant now = clock.instant();
    return db.inTransaction(
        c ->
            Sql.insert(
                c,
                "INSERT INTO episode (feed_id, guid, title, audio_url, status, published_at,"
                    + " transcript_url, duration_seconds, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                feedId,
                guid,
                "Episode " + guid,
                "http://audio/" + guid,
                status,
                published,
                transcriptUrl,
                duration,
                now,
                now));
  }

  static BacklogParameters params(String json) {
    return JobParameters.backlog(parse(json));
  }

  /** Tiny "k=v;k=v" parameter maps keep the tests readable. */
  static Map<String, String> parse(String kv) {
    Map<String, String> m = new java.util.HashMap<>();
    for (String pair : kv.split(";")) {
      if (!pair.isBlank()) {
        String[] p = pair.split("=", 2);
        m.put(p[0].trim(), p[1].trim());
      }
    }
    return m;
  }

  List<Candidate> selectAll(BacklogParameters p, int pageSize) {
    List<Candidate> all = new ArrayList<>();
    long after = 0;
    while (true) {
      long cursor = after;
      List<Candidate> page = db.inTransaction(c -> EpisodeSelection.page(c, p, cursor, pageSize));
      if (page.isEmpty()) {
        return all;
      }
      all.addAll(page);
      after = page.get(page.size() - 1).episodeId();
    }
  }

  void setJob(long episodeId, JobType type, String status, String error) {
    db.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE job SET status = ?, error_message = ? WHERE episode_id = ? AND job_type = ?"
                    + " AND status IN ('queued', 'running')",
                status,
                error,
                episodeId,
                type));
  }

  void setEpisode(long episodeId, EpisodeStatus status) {
    db.inTransaction(
        c -> Sql.update(c, "UPDATE episode SET status = ? WHERE id = ?", status, episodeId));
  }

  long jobs(long episodeId, JobType type) {
    return db.inTransaction(
        c ->
            Sql.count(
                c,
                "SELECT COUNT(*) FROM job WHERE episode_id = ? AND job_type = ?",
                episodeId,
                type));
  }

  long activeJobs(long episodeId) {
    return db.inTransaction(
        c ->
            Sql.count(
                c,
                "SELECT COUNT(*) FROM job WHERE episode_id = ? AND status IN ('queued', 'running')",
                episodeId));
  }

  @Test
  void selectsByFeedStateAndDatePageByPage() {
    long a = feed("http://a/feed");
    long b = feed("http://b/feed");
    Instant jan = Instant.parse("2024-01-15T00:00:00Z");
    Instant mar = Instant.parse("2024-03-15T00:00:00Z");
    List<Long> wanted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      wanted.add(episode(a, "a" + i, EpisodeStatus.NEW, mar));
    }
    episode(a, "old", EpisodeStatus.NEW, jan);
    episode(a, "done", EpisodeStatus.COMPLETED, mar);
    episode(a, "failed", EpisodeStatus.FAILED, mar);
    episode(b, "other-feed", EpisodeStatus.NEW, mar);

    BacklogParameters p = params("feeds=" + a + ";published_after=2024-02-01");
    List<Candidate> found = selectAll(p, 3);
    assertEquals(wanted, found.stream().map(Candidate::episodeId).toList());

    BacklogParameters withFailed =
        params("feeds=" + a + ";published_after=2024-02-01;states=new,failed");
    assertEquals(8, selectAll(withFailed, 100).size(), "failed ones only when asked for");
  }

  @Test
  void recordingAChunkTwiceQueuesNothingTwice() {
    long f = feed("http://a/feed");
    List<Candidate> chunk = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      chunk.add(new Candidate(episode(f, "e" + i, EpisodeStatus.NEW, null), false));
    }
    // one of them was already queued by someone else: adopted, not duplicated
    long adopted = queue.enqueue(chunk.get(2).episodeId(), JobType.TRANSCRIBE, 1).jobId();

    assertEquals(5, items.record(RUN, chunk, 10));
    assertEquals(0, items.record(RUN, chunk, 10), "a chunk done again after a restart");
    for (Candidate c : chunk) {
      assertEquals(1, jobs(c.episodeId(), JobType.TRANSCRIBE));
    }
    assertEquals(adopted, queue.enqueue(chunk.get(2).episodeId(), JobType.TRANSCRIBE, 1).jobId());
    BacklogItems.ResumePoint resume = items.resumePoint(RUN);
    assertEquals(chunk.get(4).episodeId(), resume.lastEpisodeId());
    assertEquals(5, resume.count());
    assertEquals(5, items.counts(RUN).queued());
  }

  @Test
  void publisherFirstThenTranscriptionWhenThePublisherHasNone() {
    long f = feed("http://a/feed");
    long named = episode(f, "n", EpisodeStatus.NEW, null, "http://t/n.vtt", 600);
    long none = episode(f, "x", EpisodeStatus.NEW, null, "http://t/x.vtt", 600);
    BacklogParameters p = params("feeds=" + f);
    List<Candidate> selected = selectAll(p, 10);
    assertTrue(selected.stream().allMatch(Candidate::publisherFirst));
    items.record(RUN, selected, 10);
    assertEquals(1, jobs(named, JobType.TRANSCRIPT_DOWNLOAD));

    // the publisher had one for the first; none for the second
    setJob(named, JobType.TRANSCRIPT_DOWNLOAD, "completed", null);
    setEpisode(named, EpisodeStatus.COMPLETED);
    setJob(none, JobType.TRANSCRIPT_DOWNLOAD, "completed", null);
    setEpisode(none, EpisodeStatus.NEEDS_AUDIO);
    assertEquals(1, items.settle(RUN, 10));
    assertEquals(1, jobs(none, JobType.TRANSCRIBE), "transcribed instead");

    setJob(none, JobType.TRANSCRIBE, "completed", null);
    items.settle(RUN, 10);
    BacklogItems.Counts counts = items.counts(RUN);
    assertEquals(1, counts.publisher());
    assertEquals(1, counts.transcribed());
    assertEquals(0, counts.pending());
    assertEquals(600, counts.audioSeconds(), 0.001, "only transcribed audio counts");

    BacklogParameters off = params("feeds=" + f + ";transcripts_first=false;states=new");
    setEpisode(named, EpisodeStatus.NEW);
    assertTrue(selectAll(off, 10).stream().noneMatch(Candidate::publisherFirst));
  }

  @Test
  void aStopWithdrawsOnlyQueuedJobsOfTheRunAndARestartQueuesThemAgain() {
    long f = feed("http://a/feed");
    List<Candidate> chunk = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      chunk.add(new Candidate(episode(f, "e" + i, EpisodeStatus.NEW, null), false));
    }
    long others = queue.enqueue(chunk.get(3).episodeId(), JobType.TRANSCRIBE, 20).jobId();
    items.record(RUN, chunk, 10);
    assertTrue(queue.claim("node", JobType.TRANSCRIBE).isPresent()); // first one runs

    assertEquals(2, items.withdraw(RUN), "two queued jobs of the run; the running one goes on");
    assertEquals(0, activeJobs(chunk.get(1).episodeId()));
    assertEquals(1, activeJobs(chunk.get(0).episodeId()), "running");
    assertEquals(1, activeJobs(chunk.get(3).episodeId()), "queued by someone else: left alone");
    assertEquals(queue.find(others).orElseThrow().status().wire(), "queued");
    BacklogItems.Counts stopped = items.counts(RUN);
    assertEquals(2, stopped.withdrawn());
    assertEquals(4, stopped.selected());

    assertEquals(2, items.resume(RUN, 10));
    for (Candidate c : chunk) {
      assertEquals(1, activeJobs(c.episodeId()), "each episode has exactly one active job");
    }
    assertEquals(0, items.counts(RUN).withdrawn());
    assertEquals(0, items.resume(RUN, 10), "nothing to resume twice");
  }

  @Test
  void progressAndReportCountOutcomesAudioAndPodCost() {
    long f = feed("http://a/feed");
    List<Candidate> chunk = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      chunk.add(new Candidate(episode(f, "e" + i, EpisodeStatus.NEW, null), false));
    }
    items.record(RUN, chunk, 10);
    Instant start = clock.instant();
    // a pod at $0.36/h for the whole hour of the run; one that ended before the run counts nothing
    db.inTransaction(
        c -> {
          dev.cast2md.pods.control.PodRuns.open(
              c, "i1", "runpod", "p1", "pod-1", "gpu", 0.36, start, start);
          dev.cast2md.pods.control.PodRuns.open(
              c, "i0", "runpod", "p0", "pod-0", "gpu", 9.0, start.minusSeconds(7200), start);
          dev.cast2md.pods.control.PodRuns.close(c, "i0", "done", start.minusSeconds(3600));
          return null;
        });
    setJob(chunk.get(0).episodeId(), JobType.TRANSCRIBE, "completed", null);
    setJob(chunk.get(1).episodeId(), JobType.TRANSCRIBE, "completed", null);
    setJob(chunk.get(2).episodeId(), JobType.TRANSCRIBE, "failed", "audio 404");
    clock.advance(Duration.ofHours(1));
    assertEquals(3, items.settle(RUN, 10));

    List<TimeWindow> running = List.of(new TimeWindow(start, null));
    BacklogProgress progress = monitor.progress(RUN, running);
    assertEquals(4, progress.selected());
    assertEquals(2, progress.done());
    assertEquals(1, progress.failed());
    assertEquals(1, progress.remaining());
    assertEquals(1, progress.queued());
    assertEquals(1.0, progress.audioHours(), 0.001);
    assertEquals(1.0, progress.podHours(), 0.001);
    assertEquals(0.36, progress.cost(), 0.0001);
    assertNotNull(progress.etaSeconds(), "three finished in the last quarter hour");

    setJob(chunk.get(3).episodeId(), JobType.TRANSCRIBE, "cancelled", "cancelled by an operator");
    items.settle(RUN, 10);
    BacklogReport report = monitor.report(RUN, List.of(new TimeWindow(start, clock.instant())));
    assertEquals(2, report.transcribed());
    assertEquals(2, report.failed());
    assertEquals(0, report.unfinished());
    assertEquals(3600, report.wallSeconds());
    assertEquals(0.36, report.costPerAudioHour(), 0.0001);
    assertEquals(2, report.failures().size());
    assertEquals("audio 404", report.failures().get(0).reason());
    assertEquals(Map.of("audio 404", 1L, "cancelled by an operator", 1L), report.failureReasons());
    assertEquals(
        0L,
        monitor.progress(RUN, List.of(new TimeWindow(start, clock.instant()))).etaSeconds(),
        "nothing left: no time left");
  }

  @Test
  void aDeletedEpisodeIsReportedAsFailed() {
    long f = feed("http://a/feed");
    long e = episode(f, "gone", EpisodeStatus.NEW, null);
    items.record(RUN, List.of(new Candidate(e, false)), 10);
    db.inTransaction(c -> Sql.update(c, "DELETE FROM episode WHERE id = ?", e));
    assertEquals(1, items.settle(RUN, 10));
    assertEquals("episode deleted", items.failures(RUN, 10).get(0).reason());
  }
}
