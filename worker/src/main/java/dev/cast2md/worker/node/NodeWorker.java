package dev.cast2md.worker.node;

import dev.cast2md.protocol.ClaimResponse;
import dev.cast2md.protocol.CompleteRequest;
import dev.cast2md.protocol.FailRequest;
import dev.cast2md.protocol.HeartbeatRequest;
import dev.cast2md.protocol.HeartbeatResponse;
import dev.cast2md.protocol.TerminationResponse;
import dev.cast2md.worker.audio.DecodedAudio;
import dev.cast2md.worker.audio.EpisodeBatcher;
import dev.cast2md.worker.audio.Transcript;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.logging.EventLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * The running node: a claim thread keeps the prefetch queue full, a transcribe thread feeds the
 * engine from it, a heartbeat thread renews leases and reports every held job, and the calling
 * thread watches the stop policy. When the engine batches across episodes, prepared jobs leave the
 * queue to share the current job's engine calls as soon as its chunks no longer fill a call (see
 * {@link ChunkBatching}); the queue then fills up again behind them. Each job has one owner at a
 * time, and that owner makes its last protocol call (complete, fail or release), so no job is
 * answered twice or forgotten.
 */
public final class NodeWorker {
  private static final Duration POLICY_CHECK = Duration.ofMillis(500);

  /** Longest pause in claiming after jobs failed on a full disk. */
  private static final Duration DISK_FULL_MAX_PAUSE = Duration.ofMinutes(5);

  /** Re-registrations in one run: a node deleted again and again is not chased forever. */
  private static final int MAX_REREGISTRATIONS = 3;

  private final WorkerConfig config;
  private final HttpNodeClient api;
  private final Transcriber transcriber;
  private final JobPreparer preparer;
  private final ResultDelivery delivery;
  private final StopPolicy policy;
  private final PrefetchQueue queue;
  private final Reenrolment reenrolment;
  private final NodeHealth health;

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object stopLock = new Object();
  private final Set<Long> revoked = ConcurrentHashMap.newKeySet();
  private final Object currentLock = new Object();

  /** The jobs in the engine, oldest first; guarded by currentLock. */
  private final Map<Long, ActiveJob> active = new LinkedHashMap<>();

  /** The oldest of them, reported as the current job. */
  private volatile Long currentJobId;

  /** True while the transcribe thread is inside an engine call; guarded by currentLock. */
  private boolean inEngineCall;

  private final ChunkBatching batching;
  private volatile boolean breakerLogged;
  private volatile StopReason stopReason;
  private final ExecutorService progressSender;
  private volatile StopReason requestedStop;
  private final Object identityLock = new Object();
  private int reregistrations;

  /** False from a re-registration until the server has answered a call made as the new node. */
  private volatile boolean identityConfirmed = true;

  /** Written by the claim thread, read by the health report. */
  private volatile int diskFullStreak;

  private Thread claimThread;
  private Thread transcribeThread;
  private Thread heartbeatThread;

  public NodeWorker(
      WorkerConfig config,
      HttpNodeClient api,
      Transcriber transcriber,
      JobPreparer preparer,
      ResultDelivery delivery,
      StopPolicy policy) {
    this(config, api, transcriber, preparer, delivery, policy, Reenrolment.NONE);
  }

  public NodeWorker(
      WorkerConfig config,
      HttpNodeClient api,
      Transcriber transcriber,
      JobPreparer preparer,
      ResultDelivery delivery,
      StopPolicy policy,
      Reenrolment reenrolment) {
    this(
        config,
        api,
        transcriber,
        preparer,
        delivery,
        policy,
        reenrolment,
        NodeHealth.loaded(transcriber));
  }

  public NodeWorker(
      WorkerConfig config,
      HttpNodeClient api,
      Transcriber transcriber,
      JobPreparer preparer,
      ResultDelivery delivery,
      StopPolicy policy,
      Reenrolment reenrolment,
      NodeHealth health) {
    this(
        config,
        api,
        transcriber,
        preparer,
        delivery,
        policy,
        reenrolment,
        health,
        ChunkBatching.perJob(transcriber));
  }

  public NodeWorker(
      WorkerConfig config,
      HttpNodeClient api,
      Transcriber transcriber,
      JobPreparer preparer,
      ResultDelivery delivery,
      StopPolicy policy,
      Reenrolment reenrolment,
      NodeHealth health,
      ChunkBatching batching) {
    this.batching = batching;
    this.config = config;
    this.health = health;
    this.reenrolment = reenrolment;
    this.api = api;
    this.transcriber = transcriber;
    this.preparer = preparer;
    this.delivery = delivery;
    this.policy = policy;
    this.queue = new PrefetchQueue(config.prefetchDepth());
    this.progressSender =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "progress");
              t.setDaemon(true);
              return t;
            });
  }

  /** A job in the engine and when it got there. */
  private record ActiveJob(PreparedJob prepared, long startedNanos) {}

  /** Runs until the stop policy fires or {@link #shutdown} is called; returns why it stopped. */
  public StopReason run() throws InterruptedException {
    return run(() -> {});
  }

  /**
   * As {@link #run()}; {@code started} is called once the claim, transcribe and heartbeat threads
   * run (a pod then reports itself ready), on the calling thread, so it must not block for long.
   */
  public StopReason run(Runnable started) throws InterruptedException {
    health.attach(this::status);
    EventLog.info(
        "node starting: %s engine=%s model=%s device=%s batching=%s",
        config, transcriber.engine(), transcriber.model(), transcriber.device(), batching);
    delivery.deliverSpooled();
    heartbeatThread = start("heartbeat", this::heartbeatLoop);
    claimThread = start("claim", this::claimLoop);
    transcribeThread = start("transcribe", this::transcribeLoop);
    started.run();
    while (!stopping.get()) {
      if (requestedStop != null) {
        stop(requestedStop);
        break;
      }
      Optional<StopReason> reason = policy.evaluate();
      if (reason.isPresent()) {
        stop(reason.get());
        break;
      }
      if (policy.breakerTripped() && !breakerLogged) {
        breakerLogged = true;
        EventLog.error(
            "circuit breaker: consecutive engine failures (persistent node keeps going)");
      }
      stopped.await(POLICY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
    }
    stopped.await();
    return stopReason;
  }

  /** Graceful stop from a signal: releases every held job; returns when that is done. */
  public void shutdown() {
    stop(StopReason.SIGNAL);
  }

  public WorkerStatus status() {
    return new WorkerStatus(
        config.name(),
        transcriber.engine(),
        transcriber.device(),
        !stopping.get(),
        !stopping.get(),
        currentJobId,
        activeJobIds(),
        queue.heldJobIds(),
        delivery.spooledJobIds(),
        policy.consecutiveFailures(),
        config.stop().maxConsecutiveFailures(),
        policy.breakerTripped(),
        config.workDir(),
        diskFullStreak,
        delivery.inMemoryJobIds().size(),
        deadThreads());
  }

  /** The health report this worker sends with its heartbeats and serves on /health. */
  public NodeHealth health() {
    return health;
  }

  /**
   * Threads that ended while the worker was not stopping: an error no catch expected (the engine
   * ran out of memory, say). The node cannot work any more; its health says so.
   */
  private List<String> deadThreads() {
    if (stopping.get()) {
      return List.of();
    }
    List<String> dead = new ArrayList<>();
    for (Thread thread : new Thread[] {claimThread, transcribeThread, heartbeatThread}) {
      if (thread != null && !thread.isAlive()) {
        dead.add(thread.getName());
      }
    }
    return dead;
  }

  private Thread start(String name, Runnable loop) {
    Thread thread = new Thread(loop, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  // ---- claim and prefetch ----

  private void claimLoop() {
    boolean claimFailing = false;
    try {
      while (!stopping.get()) {
        if (!queue.awaitRoom(Duration.ofSeconds(1))) {
          continue;
        }
        ClaimResponse claim;
        String claimedAs = api.nodeId();
        try {
          claim = api.claim();
          identityConfirmed = true;
          policy.serverReached();
          if (claimFailing) {
            EventLog.info("claims answered again");
            claimFailing = false;
          }
        } catch (IOException e) {
          if (stopping.get()) {
            break;
          }
          if (isUnknownNode(e)) {
            if (!recoverIdentity("claim", (NodeHttpException) e, claimedAs)) {
              sleep(config.pollInterval());
            }
            continue;
          }
          EventLog.warn("claim failed: %s", ResultDelivery.describe(e));
          claimFailing = true;
          sleep(config.pollInterval());
          continue;
        }
        if (!claim.hasWork()) {
          if (queue.isEmpty() && currentJobId == null) {
            policy.queueEmpty();
          }
          sleep(config.pollInterval());
          continue;
        }
        policy.workArrived();
        if (prefetch(claim)) {
          diskFullStreak = 0;
        } else if (diskFullStreak > 0) {
          // A full disk fails every job alike: pause (growing, bounded) instead of running
          // through the queue; the breaker stops a non-persistent node after a few of these.
          sleep(diskFullPause(diskFullStreak));
        }
      }
    } catch (InterruptedException e) {
      // Shutdown: the loop ends; a job being prepared was released by prefetch().
    }
  }

  private Duration diskFullPause(int streak) {
    Duration pause = config.pollInterval().multipliedBy(1L << Math.min(streak, 12));
    return pause.compareTo(DISK_FULL_MAX_PAUSE) > 0 ? DISK_FULL_MAX_PAUSE : pause;
  }

  /** Prepares a claimed job into the queue; false when its preparation failed. */
  private boolean prefetch(ClaimResponse claim) throws InterruptedException {
    long jobId = claim.jobId();
    EventLog.job(
        jobId, "claimed%s", claim.episodeTitle() == null ? "" : ": " + claim.episodeTitle());
    if (!queue.tryReserve(jobId)) {
      release(jobId, "worker stopping");
      throw new InterruptedException("stopping");
    }
    PreparedJob job;
    try {
      job = preparer.prepare(claim);
    } catch (JobFailure failure) {
      queue.abandon(jobId);
      if (revoked.remove(jobId)) {
        EventLog.job(jobId, "taken back by the server while preparing; dropped");
        return false;
      }
      if (failure.diskFull()) {
        diskFullStreak++;
        policy.workerFault();
        EventLog.jobError(
            jobId,
            "disk full: %s (work dir %s); failing with retry so another worker can do it",
            failure.getMessage(),
            config.workDir());
      } else {
        EventLog.jobError(jobId, "cannot prepare: %s", failure.getMessage());
      }
      fail(jobId, failure.getMessage(), !failure.permanent());
      return false;
    } catch (InterruptedException e) {
      queue.abandon(jobId);
      release(jobId, "worker stopping");
      throw e;
    }
    if (!queue.fulfil(job)) {
      job.cleanup();
      if (revoked.remove(jobId)) {
        EventLog.job(jobId, "taken back by the server while preparing; dropped");
      } else {
        release(jobId, "worker stopping");
        throw new InterruptedException("stopping");
      }
    }
    return true;
  }

  // ---- transcription ----

  private void transcribeLoop() {
    while (!stopping.get()) {
      Optional<PreparedJob> next;
      try {
        next = queue.take(Duration.ofSeconds(1));
      } catch (InterruptedException e) {
        if (stopping.get()) {
          return;
        }
        continue;
      }
      if (next.isEmpty()) {
        continue;
      }
      PreparedJob job = next.get();
      if (revoked.remove(job.jobId())) {
        EventLog.job(job.jobId(), "taken back by the server; dropped");
        job.cleanup();
        continue;
      }
      transcribeFrom(job);
    }
  }

  /**
   * Transcribes {@code first} and, when the engine shares calls between jobs, the prepared jobs
   * that join while a call has room for more chunks than the jobs in it have left; returns when no
   * job is left. Each job ends on its own: delivered, failed, dropped or released.
   */
  private void transcribeFrom(PreparedJob first) {
    EpisodeBatcher batcher = new EpisodeBatcher(transcriber, batching.chunksPerCall());
    begin(batcher, first);
    try {
      while (true) {
        dropTakenBack(batcher);
        if (batching.acrossJobs()) {
          joinPrepared(batcher);
        }
        if (batcher.isEmpty()) {
          return;
        }
        policy.jobStarted();
        for (EpisodeBatcher.Outcome outcome : engineCall(batcher)) {
          finish(outcome);
        }
      }
    } catch (InterruptedException e) {
      giveBackActive();
    } finally {
      List<ActiveJob> left;
      synchronized (currentLock) {
        // Only an error no catch expected leaves jobs here: the thread ends, the server takes
        // them back when their leases run out, and their files go now.
        left = new ArrayList<>(active.values());
        active.clear();
        currentJobId = null;
        // An interrupt meant for these jobs must not hit the next one.
        Thread.interrupted();
      }
      left.forEach(job -> job.prepared().cleanup());
    }
  }

  private List<EpisodeBatcher.Outcome> engineCall(EpisodeBatcher batcher)
      throws InterruptedException {
    synchronized (currentLock) {
      inEngineCall = true;
    }
    try {
      return batcher.step();
    } finally {
      synchronized (currentLock) {
        inEngineCall = false;
        if (!stopping.get()) {
          // A job taken back just as the call ended: dropTakenBack deals with it, and the
          // interrupt sent for it must not end the next call of the jobs still here.
          Thread.interrupted();
        }
      }
    }
  }

  private void begin(EpisodeBatcher batcher, PreparedJob job) {
    long jobId = job.jobId();
    List<Long> sharing = batcher.ids();
    synchronized (currentLock) {
      active.put(jobId, new ActiveJob(job, System.nanoTime()));
      if (currentJobId == null) {
        currentJobId = jobId;
      }
    }
    batcher.add(jobId, job.audio(), job.plan(), progress(jobId));
    EventLog.job(
        jobId,
        "transcribing %d chunks%s",
        job.plan().size(),
        sharing.isEmpty() ? "" : " (sharing engine calls with job " + sharing + ")");
  }

  /** Prepared jobs join while the next call has room beyond the chunks already waiting. */
  private void joinPrepared(EpisodeBatcher batcher) throws InterruptedException {
    while (batcher.room() > 0 && !stopping.get()) {
      Optional<PreparedJob> next = queue.take(Duration.ZERO);
      if (next.isEmpty()) {
        return;
      }
      PreparedJob job = next.get();
      if (revoked.remove(job.jobId())) {
        EventLog.job(job.jobId(), "taken back by the server; dropped");
        job.cleanup();
        continue;
      }
      begin(batcher, job);
    }
  }

  /** Jobs the server took back between two calls: their chunks go no further. */
  private void dropTakenBack(EpisodeBatcher batcher) {
    for (long jobId : batcher.ids()) {
      if (revoked.remove(jobId)) {
        batcher.drop(jobId);
        ActiveJob job = deactivate(jobId);
        EventLog.job(jobId, "taken back by the server during transcription; dropped");
        policy.jobEnded();
        if (job != null) {
          job.prepared().cleanup();
        }
      }
    }
  }

  private ActiveJob deactivate(long jobId) {
    synchronized (currentLock) {
      ActiveJob job = active.remove(jobId);
      currentJobId = active.isEmpty() ? null : active.keySet().iterator().next();
      return job;
    }
  }

  /** Interrupted: every job still in the engine is dropped (taken back) or given back. */
  private void giveBackActive() {
    List<ActiveJob> jobs;
    synchronized (currentLock) {
      jobs = new ArrayList<>(active.values());
      active.clear();
      currentJobId = null;
    }
    for (ActiveJob job : jobs) {
      long jobId = job.prepared().jobId();
      policy.jobEnded();
      if (revoked.remove(jobId)) {
        EventLog.job(jobId, "taken back by the server; transcription abandoned");
      } else {
        release(jobId, stopping.get() ? "worker stopping" : "transcription interrupted");
      }
      job.prepared().cleanup();
    }
  }

  private void finish(EpisodeBatcher.Outcome outcome) {
    long jobId = outcome.id();
    ActiveJob job = deactivate(jobId);
    if (job == null) {
      return;
    }
    try {
      if (revoked.remove(jobId)) {
        EventLog.job(jobId, "taken back by the server during transcription; result dropped");
        policy.jobEnded();
      } else if (outcome.failed()) {
        failed(jobId, outcome.failure());
      } else {
        complete(job, outcome.transcript());
      }
    } finally {
      job.prepared().cleanup();
    }
  }

  private void complete(ActiveJob job, Transcript transcript) {
    long jobId = job.prepared().jobId();
    DecodedAudio audio = job.prepared().audio();
    double seconds = (System.nanoTime() - job.startedNanos()) / 1e9;
    EventLog.job(
        jobId,
        "transcribed %.1f s of audio in %.1f s (%.1fx realtime)",
        audio.durationSeconds(),
        seconds,
        audio.durationSeconds() / Math.max(seconds, 1e-3));
    if (transcript.isEmpty()) {
      fail(jobId, "Transcription returned empty result", false);
      policy.jobEnded();
      return;
    }
    CompleteRequest result =
        new CompleteRequest(
            transcript.markdown(),
            transcriber.model(),
            transcript.segments(),
            transcript.language(),
            audio.durationSeconds(),
            transcriber.device());
    ResultDelivery.Outcome outcome = delivery.deliver(jobId, result);
    if (outcome == ResultDelivery.Outcome.REFUSED) {
      policy.jobEnded();
    } else {
      policy.jobSucceeded();
    }
  }

  private void failed(long jobId, Exception e) {
    if (DiskFull.is(e)) {
      EventLog.jobError(
          jobId, "disk full while transcribing: %s; failing with retry", e.getMessage());
    } else {
      EventLog.jobError(jobId, "transcription failed: %s", e);
    }
    fail(
        jobId,
        "Transcription failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
        true);
    policy.jobFailed();
  }

  /** The jobs in the engine now, oldest first. */
  private List<Long> activeJobIds() {
    synchronized (currentLock) {
      return new ArrayList<>(active.keySet());
    }
  }

  /**
   * Progress is sent from its own thread so that a slow server never slows the engine; a report
   * still on its way makes the next one of the same job wait for the one after.
   */
  private IntConsumer progress(long jobId) {
    long[] last = {System.nanoTime(), 0};
    List<Future<?>> pending = new ArrayList<>(1);
    return percent -> {
      boolean due = percent - last[1] > 5 || System.nanoTime() - last[0] > 5_000_000_000L;
      if (!due || (!pending.isEmpty() && !pending.get(0).isDone())) {
        return;
      }
      last[0] = System.nanoTime();
      last[1] = percent;
      pending.clear();
      try {
        pending.add(
            progressSender.submit(
                () -> {
                  try {
                    api.progress(jobId, percent);
                  } catch (IOException e) {
                    // Progress is advisory; the next report or the completion supersedes it.
                  }
                }));
      } catch (RejectedExecutionException e) {
        // Stopping: progress no longer matters.
      }
    };
  }

  // ---- heartbeat ----

  private void heartbeatLoop() {
    boolean failing = false;
    while (!stopping.get()) {
      String beatAs = api.nodeId();
      try {
        HeartbeatResponse answer = api.heartbeat(heartbeat());
        identityConfirmed = true;
        policy.serverReached();
        if (failing) {
          EventLog.info("heartbeat answered again");
          failing = false;
        }
        if (answer != null && answer.releasedJobIds() != null) {
          answer.releasedJobIds().forEach(this::takenBack);
        }
        if (!delivery.spooledJobIds().isEmpty()) {
          delivery.deliverSpooled();
        }
      } catch (IOException e) {
        if (stopping.get()) {
          return;
        }
        if (isUnknownNode(e)) {
          if (recoverIdentity("heartbeat", (NodeHttpException) e, beatAs)) {
            continue;
          }
        } else {
          EventLog.warn("heartbeat failed: %s", ResultDelivery.describe(e));
          failing = true;
        }
      }
      try {
        Thread.sleep(config.heartbeatInterval().toMillis());
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  HeartbeatRequest heartbeat() {
    Long current = currentJobId;
    Set<Long> claimed = new LinkedHashSet<>(activeJobIds());
    claimed.addAll(queue.heldJobIds());
    // Spooled transcripts are still ours until delivered: keep their leases alive.
    claimed.addAll(delivery.spooledJobIds());
    return new HeartbeatRequest(
        config.name(),
        transcriber.model(),
        transcriber.engine(),
        current,
        new ArrayList<>(claimed),
        health.report());
  }

  /** The server released a job we held (its lease ran out): stop spending time on it. */
  private void takenBack(long jobId) {
    EventLog.job(jobId, "server took the job back");
    revoked.add(jobId);
    queue.remove(jobId).ifPresent(PreparedJob::cleanup);
    synchronized (currentLock) {
      // Jobs sharing the call with others are dropped after it; a call only for jobs taken back
      // is not worth finishing.
      if (inEngineCall && active.containsKey(jobId) && revoked.containsAll(active.keySet())) {
        transcribeThread.interrupt();
      }
    }
  }

  // ---- identity ----

  /** 401 or 404 on a node call: the server deleted the node (its jobs went back to the queue). */
  private static boolean isUnknownNode(IOException e) {
    return e instanceof NodeHttpException http && (http.status() == 401 || http.status() == 404);
  }

  /**
   * The server does not know the node {@code usedNodeId} any more. Registers again once, with the
   * enrolment key or setup token, and carries on as the new node; without one, or when that fails
   * or the fresh node is refused too, asks the worker to stop as not registered. Only one thread
   * does this; the other finds the new identity in place. True when the caller may carry on.
   */
  private boolean recoverIdentity(String call, NodeHttpException e, String usedNodeId) {
    synchronized (identityLock) {
      if (stopping.get() || requestedStop != null) {
        return false;
      }
      if (!usedNodeId.equals(api.nodeId())) {
        return true;
      }
      dropJobsOfLostNode();
      if (!reenrolment.available()) {
        EventLog.error(
            "not registered: the server no longer knows node %s (%s answered HTTP %d) and neither"
                + " NODE_ENROLMENT_KEY nor SETUP_TOKEN is set; stopping",
            usedNodeId, call, e.status());
        requestedStop = StopReason.NOT_REGISTERED;
        return false;
      }
      if (!identityConfirmed || reregistrations >= MAX_REREGISTRATIONS) {
        EventLog.error(
            "not registered: node %s was refused too (%s answered HTTP %d) after %d"
                + " re-registration(s); stopping",
            usedNodeId, call, e.status(), reregistrations);
        requestedStop = StopReason.NOT_REGISTERED;
        return false;
      }
      EventLog.warn(
          "the server no longer knows node %s (%s answered HTTP %d); registering again",
          usedNodeId, call, e.status());
      try {
        NodeCredentials fresh = reenrolment.register();
        api.useCredentials(fresh);
        reregistrations++;
        identityConfirmed = false;
        EventLog.info("registered again as node %s", fresh.nodeId());
        return true;
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return false;
      } catch (IOException | RuntimeException failure) {
        EventLog.error(
            "not registered: registering again failed (%s); stopping",
            failure instanceof IOException io ? ResultDelivery.describe(io) : failure.toString());
        requestedStop = StopReason.NOT_REGISTERED;
        return false;
      }
    }
  }

  /**
   * Deleting a node gives its jobs back to the queue: whatever this worker holds is not its own.
   */
  private void dropJobsOfLostNode() {
    activeJobIds().forEach(this::takenBack);
    queue.heldJobIds().forEach(this::takenBack);
  }

  // ---- stopping ----

  private void stop(StopReason reason) {
    synchronized (stopLock) {
      if (stopping.getAndSet(true)) {
        awaitStopped();
        return;
      }
      stopReason = reason;
      EventLog.info("stopping: %s", reason.description());
      interrupt(claimThread);
      for (PreparedJob job : queue.close()) {
        release(job.jobId(), "worker stopping");
        job.cleanup();
      }
      join(claimThread, Duration.ofSeconds(15));
      // The current job may finish within the grace period; otherwise it is given back.
      join(transcribeThread, config.shutdownGrace());
      if (transcribeThread != null && transcribeThread.isAlive()) {
        transcribeThread.interrupt();
        join(transcribeThread, Duration.ofSeconds(15));
      }
      interrupt(heartbeatThread);
      join(heartbeatThread, Duration.ofSeconds(5));
      progressSender.shutdownNow();
      for (long jobId : delivery.inMemoryJobIds()) {
        EventLog.jobError(
            jobId, "transcript lost: never spooled (disk full) and not delivered before the stop");
        release(jobId, "its transcript could not be kept");
      }
      if (reason.requestsTermination()) {
        requestTermination();
      }
      EventLog.info("stopped: %s (exit code %d)", reason.description(), reason.exitCode());
      stopped.countDown();
    }
  }

  private void awaitStopped() {
    try {
      stopped.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void requestTermination() {
    try {
      TerminationResponse answer = api.requestTermination();
      EventLog.info(
          "termination requested: %s (%s)",
          answer == null ? "?" : answer.status(), answer == null ? "" : answer.message());
    } catch (IOException e) {
      // The pod's watchdog and the server's reaper stop it anyway once this process is gone.
      EventLog.warn("request-termination failed: %s", ResultDelivery.describe(e));
    }
  }

  private void release(long jobId, String why) {
    // Called while stopping, usually from an interrupted thread: the HTTP client refuses to send
    // with the interrupt flag set, so it is put aside for the one call and restored after.
    boolean interrupted = Thread.interrupted();
    try {
      api.release(jobId);
      EventLog.job(jobId, "released (%s)", why);
    } catch (IOException e) {
      // The server takes it back when its lease runs out.
      EventLog.jobWarn(jobId, "release failed: %s", ResultDelivery.describe(e));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void fail(long jobId, String message, boolean retry) {
    for (int attempt = 1; attempt <= 3; attempt++) {
      try {
        api.fail(jobId, new FailRequest(message, retry));
        EventLog.job(jobId, "failed (retry=%s): %s", retry, message);
        return;
      } catch (NodeHttpException e) {
        if (e.isClientError()) {
          EventLog.jobWarn(jobId, "fail refused: %s", e.getMessage());
          return;
        }
        EventLog.jobWarn(jobId, "fail call failed: %s", e.getMessage());
      } catch (IOException e) {
        EventLog.jobWarn(jobId, "fail call failed: %s", ResultDelivery.describe(e));
      }
      if (!sleepQuietly(config.pollInterval().multipliedBy(attempt))) {
        return;
      }
    }
    // The lease expires and the server retries the job; nothing is lost but time.
    EventLog.jobError(jobId, "could not report the failure; the lease will expire");
  }

  private void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }

  private static boolean sleepQuietly(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void interrupt(Thread thread) {
    if (thread != null) {
      thread.interrupt();
    }
  }

  private static void join(Thread thread, Duration timeout) {
    if (thread == null) {
      return;
    }
    try {
      thread.join(timeout.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
