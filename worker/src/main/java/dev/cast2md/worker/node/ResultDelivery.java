package dev.cast2md.worker.node;

import dev.cast2md.protocol.CompleteRequest;
import dev.cast2md.protocol.NodeApi;
import dev.cast2md.worker.logging.EventLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers finished transcripts: spooled to disk first, then {@code complete} retried with
 * exponential backoff; what the server cannot take now stays spooled and is offered again after
 * each successful heartbeat and at the next start of the worker.
 */
public final class ResultDelivery {
  /** How a delivery ended. */
  public enum Outcome {
    /** The server has the transcript. */
    DELIVERED,
    /** The server refused it for good (4xx: the job is no longer ours); dropped. */
    REFUSED,
    /** The server could not be reached; the transcript waits in the spool. */
    SPOOLED
  }

  private final NodeApi api;
  private final ResultSpool spool;
  private final Backoff backoff;
  private final Backoff.Sleeper sleeper;

  /** Jobs the transcribe thread is delivering right now: the spool sweep leaves them alone. */
  private final Set<Long> inDelivery = ConcurrentHashMap.newKeySet();

  /**
   * Transcripts the spool could not take (disk full) and the server did not take yet: kept in
   * memory and offered again after each heartbeat, like the spooled ones.
   */
  private final Map<Long, CompleteRequest> inMemory = new ConcurrentHashMap<>();

  public ResultDelivery(NodeApi api, ResultSpool spool, Backoff backoff, Backoff.Sleeper sleeper) {
    this.api = api;
    this.spool = spool;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /**
   * Never throws on interruption: a shutdown during the backoff leaves the transcript in the spool
   * (the interrupt flag is kept for the caller), to be delivered after the restart.
   */
  public Outcome deliver(long jobId, CompleteRequest result) {
    inDelivery.add(jobId);
    try {
      return deliverWithRetries(jobId, result);
    } finally {
      inDelivery.remove(jobId);
    }
  }

  private Outcome deliverWithRetries(long jobId, CompleteRequest result) {
    boolean spooled = true;
    try {
      spool.save(jobId, result);
    } catch (IOException e) {
      spooled = false;
      if (DiskFull.is(e)) {
        EventLog.jobError(
            jobId,
            "disk full: cannot spool the transcript (%s); delivering it from memory",
            e.getMessage());
      } else {
        EventLog.jobError(jobId, "cannot spool the transcript (%s); delivering from memory", e);
      }
    }
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (attempt > 1) {
        try {
          sleeper.sleep(backoff.delayBefore(attempt));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      Outcome outcome = tryOnce(jobId, result);
      if (outcome != null) {
        return outcome;
      }
    }
    if (!spooled) {
      inMemory.put(jobId, result);
      EventLog.jobWarn(
          jobId,
          "server unreachable and spool not writable; transcript kept in memory for later"
              + " delivery");
      return Outcome.SPOOLED;
    }
    EventLog.jobWarn(jobId, "server unreachable; transcript spooled for later delivery");
    return Outcome.SPOOLED;
  }

  /** One attempt for each spooled transcript; called after server contact and at start. */
  public synchronized void deliverSpooled() {
    for (Map.Entry<Long, CompleteRequest> held : inMemory.entrySet()) {
      if (tryOnce(held.getKey(), held.getValue()) == null) {
        return;
      }
    }
    for (long jobId : spool.pending()) {
      if (inDelivery.contains(jobId)) {
        continue;
      }
      CompleteRequest result;
      try {
        result = spool.load(jobId);
      } catch (java.nio.file.NoSuchFileException e) {
        // Delivered by the transcribe thread between the listing and now.
        continue;
      } catch (IOException | RuntimeException e) {
        EventLog.jobError(jobId, "spooled transcript unreadable (%s); left in the spool", e);
        continue;
      }
      Outcome outcome = tryOnce(jobId, result);
      if (outcome == null) {
        return;
      }
    }
  }

  /** Spooled transcripts, including the one being delivered right now. */
  public List<Long> spooledJobIds() {
    List<Long> ids = new ArrayList<>(spool.pending());
    ids.addAll(inMemory.keySet());
    return ids;
  }

  /** Transcripts that exist only in memory: a stop now loses them. */
  public List<Long> inMemoryJobIds() {
    return new ArrayList<>(inMemory.keySet());
  }

  /** DELIVERED or REFUSED when the server answered; null when it should be tried again. */
  private Outcome tryOnce(long jobId, CompleteRequest result) {
    try {
      api.complete(jobId, result);
      EventLog.job(jobId, "completed (%d segments)", result.segments().size());
      forget(jobId);
      return Outcome.DELIVERED;
    } catch (NodeHttpException e) {
      if (e.isClientError()) {
        EventLog.jobWarn(jobId, "server refused the transcript: %s; dropped", e.getMessage());
        forget(jobId);
        return Outcome.REFUSED;
      }
      EventLog.jobWarn(jobId, "complete failed: %s", e.getMessage());
      return null;
    } catch (IOException e) {
      EventLog.jobWarn(jobId, "complete failed: %s", describe(e));
      return null;
    }
  }

  private void forget(long jobId) {
    inMemory.remove(jobId);
    try {
      spool.remove(jobId);
    } catch (IOException e) {
      EventLog.jobWarn(jobId, "cannot remove the spooled transcript: %s", e.getMessage());
    }
  }

  static String describe(IOException e) {
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }
}
