package dev.cast2md.worker.node;

import dev.cast2md.protocol.ClaimResponse;
import dev.cast2md.protocol.CompleteRequest;
import dev.cast2md.protocol.FailRequest;
import dev.cast2md.protocol.HeartbeatRequest;
import dev.cast2md.protocol.HeartbeatResponse;
import dev.cast2md.protocol.TerminationResponse;
import dev.cast2md.worker.audio.EpisodeTranscription;
import dev.cast2md.worker.audio.Transcript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.logging.EventLog;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;

/**
 * The running node: a claim thread keeps the prefetch queue full, a transcribe thread feeds the
 * engine from it, a heartbeat thread renews leases and reports every held job, and the calling
 * thread watches the stop policy. Each job has one owner at a time, and that owner makes its last
 * protocol call (complete, fail or release), so no job is answered twice or forgotten.
 */
public final class NodeWorker {
  private static final Duration POLICY_CHECK = Duration.ofMillis(500);

  private final WorkerConfig config;
  private final HttpNodeClient api;
  private final Transcriber transcriber;
  private final JobPreparer preparer;
  private final ResultDelivery delivery;
  private final StopPolicy policy;
  private final PrefetchQueue queue;

  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final Object stopLock = new Object();
  private final Set<Long> revoked = ConcurrentHashMap.newKeySet();
  private final Object currentLock = new Object();
  private volatile Long currentJobId;
  private volatile boolean breakerLogged;
  private volatile StopReason stopReason;
  private final ExecutorService progressSender;
  private Future<?> pendingProgress;

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
    this.config = config;
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

  /** Runs until the stop policy fires or {@link #shutdown} is called; returns why it stopped. */
  public StopReason run() throws InterruptedException {
    EventLog.info(
        "node starting: %s engine=%s model=%s device=%s",
        config, transcriber.engine(), transcriber.model(), transcriber.device());
    delivery.deliverSpooled();
    heartbeatThread = start("heartbeat", this::heartbeatLoop);
    claimThread = start("claim", this::claimLoop);
    transcribeThread = start("transcribe", this::transcribeLoop);
    while (!stopping.get()) {
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
        queue.heldJobIds(),
        delivery.spooledJobIds());
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
        try {
          claim = api.claim();
          policy.serverReached();
          if (claimFailing) {
            EventLog.info("claims answered again");
            claimFailing = false;
          }
        } catch (IOException e) {
          if (stopping.get()) {
            break;
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
        prefetch(claim);
      }
    } catch (InterruptedException e) {
      // Shutdown: the loop ends; a job being prepared was released by prefetch().
    }
  }

  private void prefetch(ClaimResponse claim) throws InterruptedException {
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
        return;
      }
      EventLog.jobError(jobId, "cannot prepare: %s", failure.getMessage());
      fail(jobId, failure.getMessage(), !failure.permanent());
      return;
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
      try {
        if (revoked.remove(job.jobId())) {
          EventLog.job(job.jobId(), "taken back by the server; dropped");
          continue;
        }
        process(job);
      } finally {
        job.cleanup();
      }
    }
  }

  private void process(PreparedJob job) {
    long jobId = job.jobId();
    synchronized (currentLock) {
      currentJobId = jobId;
    }
    policy.jobStarted();
    long started = System.nanoTime();
    try {
      EventLog.job(jobId, "transcribing %d chunks", job.plan().size());
      Transcript transcript =
          EpisodeTranscription.run(job.audio(), job.plan(), transcriber, progress(jobId));
      double seconds = (System.nanoTime() - started) / 1e9;
      if (revoked.remove(jobId)) {
        EventLog.job(jobId, "taken back by the server during transcription; result dropped");
        policy.jobEnded();
        return;
      }
      EventLog.job(
          jobId,
          "transcribed %.1f s of audio in %.1f s (%.1fx realtime)",
          job.audio().durationSeconds(),
          seconds,
          job.audio().durationSeconds() / Math.max(seconds, 1e-3));
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
              job.audio().durationSeconds(),
              transcriber.device());
      ResultDelivery.Outcome outcome = delivery.deliver(jobId, result);
      if (outcome == ResultDelivery.Outcome.REFUSED) {
        policy.jobEnded();
      } else {
        policy.jobSucceeded();
      }
    } catch (InterruptedException e) {
      policy.jobEnded();
      if (revoked.remove(jobId)) {
        EventLog.job(jobId, "taken back by the server; transcription abandoned");
      } else {
        release(jobId, "worker stopping");
      }
    } catch (EngineException | IOException | RuntimeException e) {
      EventLog.jobError(jobId, "transcription failed: %s", e);
      fail(
          jobId,
          "Transcription failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          true);
      policy.jobFailed();
    } finally {
      synchronized (currentLock) {
        currentJobId = null;
        // An interrupt meant for this job must not hit the next one.
        Thread.interrupted();
      }
    }
  }

  /** Progress is sent from its own thread so that a slow server never slows the engine. */
  private IntConsumer progress(long jobId) {
    long[] last = {System.nanoTime(), 0};
    return percent -> {
      boolean due = percent - last[1] > 5 || System.nanoTime() - last[0] > 5_000_000_000L;
      if (!due || (pendingProgress != null && !pendingProgress.isDone())) {
        return;
      }
      last[0] = System.nanoTime();
      last[1] = percent;
      pendingProgress =
          progressSender.submit(
              () -> {
                try {
                  api.progress(jobId, percent);
                } catch (IOException e) {
                  // Progress is advisory; the next report or the completion supersedes it.
                }
              });
    };
  }

  // ---- heartbeat ----

  private void heartbeatLoop() {
    boolean failing = false;
    while (!stopping.get()) {
      try {
        HeartbeatResponse answer = api.heartbeat(heartbeat());
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
        EventLog.warn("heartbeat failed: %s", ResultDelivery.describe(e));
        failing = true;
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
    Set<Long> claimed = new LinkedHashSet<>();
    if (current != null) {
      claimed.add(current);
    }
    claimed.addAll(queue.heldJobIds());
    // Spooled transcripts are still ours until delivered: keep their leases alive.
    claimed.addAll(delivery.spooledJobIds());
    return new HeartbeatRequest(
        config.name(),
        transcriber.model(),
        transcriber.engine(),
        current,
        new ArrayList<>(claimed));
  }

  /** The server released a job we held (its lease ran out): stop spending time on it. */
  private void takenBack(long jobId) {
    EventLog.job(jobId, "server took the job back");
    revoked.add(jobId);
    queue.remove(jobId).ifPresent(PreparedJob::cleanup);
    synchronized (currentLock) {
      if (Long.valueOf(jobId).equals(currentJobId)) {
        transcribeThread.interrupt();
      }
    }
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
