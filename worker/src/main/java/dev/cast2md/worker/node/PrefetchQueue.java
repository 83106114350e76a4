package dev.cast2md.worker.node;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Jobs claimed ahead of the engine: a slot is reserved the moment a job is claimed (so the job is
 * reported in heartbeats while its audio downloads), filled when it is prepared, and taken
 * oldest-first by the engine. Reserved plus ready never exceeds the capacity.
 */
public final class PrefetchQueue {
  private final int capacity;
  private final Set<Long> inFlight = new LinkedHashSet<>();
  private final Deque<PreparedJob> ready = new ArrayDeque<>();
  private boolean closed;

  public PrefetchQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1");
    }
    this.capacity = capacity;
  }

  /** Reserves a slot for a job being claimed; false when full or closed. */
  public synchronized boolean tryReserve(long jobId) {
    if (closed || size() >= capacity) {
      return false;
    }
    inFlight.add(jobId);
    return true;
  }

  /**
   * Fills a reserved slot. False when the reservation is gone (the server took the job back, or the
   * queue closed for shutdown): the caller then owns the job and disposes of it.
   */
  public synchronized boolean fulfil(PreparedJob job) {
    if (closed || !inFlight.remove(job.jobId())) {
      return false;
    }
    ready.addLast(job);
    notifyAll();
    return true;
  }

  /** Gives up a reservation whose preparation failed. */
  public synchronized void abandon(long jobId) {
    if (inFlight.remove(jobId)) {
      notifyAll();
    }
  }

  /** The oldest ready job, waiting up to {@code timeout}; empty if none arrived. */
  public synchronized Optional<PreparedJob> take(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ready.isEmpty() && !closed) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Optional.empty();
      }
      wait(Math.max(1, left / 1_000_000));
    }
    PreparedJob job = ready.pollFirst();
    if (job != null) {
      notifyAll();
    }
    return Optional.ofNullable(job);
  }

  /** Waits until a slot is free; false on timeout or once closed. */
  public synchronized boolean awaitRoom(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!closed && size() >= capacity) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return !closed;
  }

  /**
   * The server took this job back: drops a ready job (returned so its files can be removed) or a
   * reservation (its preparation will find the slot gone).
   */
  public synchronized Optional<PreparedJob> remove(long jobId) {
    if (inFlight.remove(jobId)) {
      notifyAll();
      return Optional.empty();
    }
    for (PreparedJob job : ready) {
      if (job.jobId() == jobId) {
        ready.remove(job);
        notifyAll();
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  /** Every job this queue holds, reserved or ready: they belong in each heartbeat. */
  public synchronized List<Long> heldJobIds() {
    List<Long> ids = new ArrayList<>(inFlight);
    ready.forEach(job -> ids.add(job.jobId()));
    return ids;
  }

  public synchronized boolean isEmpty() {
    return size() == 0;
  }

  public synchronized int readyCount() {
    return ready.size();
  }

  /**
   * Closes the queue for shutdown and hands back the ready jobs for release. Reservations stay with
   * the threads preparing them, which release their own job when they notice the closing.
   */
  public synchronized List<PreparedJob> close() {
    closed = true;
    List<PreparedJob> jobs = new ArrayList<>(ready);
    ready.clear();
    notifyAll();
    return jobs;
  }

  private int size() {
    return inFlight.size() + ready.size();
  }
}
