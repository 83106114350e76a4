package dev.cast2md.worker.afterburner;

import dev.cast2md.worker.node.Backoff;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Optional;

/**
 * The default afterburner run: asks for a pod, follows its setup, shows progress until the queue is
 * empty and the pod has ended (the pod ends itself; the run ends it when it lingers). The cap is
 * enforced where pods come from (the server, or a machine-wide lock in direct mode), so parallel
 * runs never exceed the maximum: a refused run follows the queue and asks again while jobs wait.
 * Only the run's own pod is ever ended. {@link #interrupt()} (Ctrl+C) ends the run's pod, unless it
 * is a persistent pod that was already up.
 */
final class AfterburnerRun {
  /** Exit codes of the command. */
  static final int OK = 0;

  static final int FAILED = 1;
  static final int MAX_RUNTIME = 3;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  /** How long Ctrl+C waits for a pod being created to get its RunPod id. */
  private static final Duration INTERRUPT_WAIT = Duration.ofSeconds(20);

  private final ServerClient server;
  private final PodSource pods;
  private final AfterburnerConfig config;
  private final PrintStream out;
  private final Clock clock;
  private final Backoff.Sleeper sleeper;

  /** Held while a pod is being asked for, so that Ctrl+C never misses a pod just created. */
  private final Object podLock = new Object();

  private volatile boolean stopping;
  private volatile String instanceId;
  private volatile String podId;
  private volatile boolean keepRunningPod;

  /** The last pod this run started, for the closing summary. */
  private volatile String lastInstanceId;

  AfterburnerRun(
      ServerClient server,
      PodSource pods,
      AfterburnerConfig config,
      PrintStream out,
      Clock clock,
      Backoff.Sleeper sleeper) {
    this.server = server;
    this.pods = pods;
    this.config = config;
    this.out = out;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  int run(boolean keepAlive) throws InterruptedException {
    Instant started = clock.instant();
    try {
      Optional<String> problem = pods.precheck();
      if (problem.isPresent()) {
        say(problem.get());
        return FAILED;
      }
      QueueWork work = server.queue();
      say("server " + server.base() + ": " + work.total() + " job(s) waiting or running");
      if (work.total() == 0 && !keepAlive) {
        say("the queue is empty: no pod needed");
        return OK;
      }
      int result = follow(keepAlive, started);
      say(pods.summary(lastInstanceId, Duration.between(started, clock.instant()).toSeconds()));
      return result;
    } catch (IOException e) {
      say("server unreachable: " + JsonHttp.describe(e));
      return FAILED;
    } catch (ServerException e) {
      say(
          e.getMessage()
              + (e.unauthorized()
                  ? " - check CAST2MD_ADMIN_USER/PASSWORD or CAST2MD_API_TOKEN"
                  : ""));
      return FAILED;
    }
  }

  private int follow(boolean keepAlive, Instant started)
      throws IOException, InterruptedException, ServerException {
    int starts = 0;
    String lastPhase = null;
    String lastRefusal = null;
    Instant emptySince = null;
    Instant podAskedAt = null;
    boolean endAsked = false;
    while (!stopping) {
      QueueWork work = server.queue();
      // a pod only for waiting work: running jobs belong to pods that are already there
      if (instanceId == null && starts < config.maxStarts() && (keepAlive || work.queued() > 0)) {
        Optional<PodSource.Start> start = askForPod(keepAlive);
        if (start.isEmpty()) {
          break; // stopping
        }
        PodSource.Start s = start.get();
        if (s.instanceId() != null) {
          starts++;
          podAskedAt = clock.instant();
          lastPhase = null;
          endAsked = false;
        } else if (!s.atCap()) {
          say("refused a pod: " + s.refusal());
          return FAILED;
        } else if (!s.refusal().equals(lastRefusal)) {
          say("no pod for now: " + s.refusal() + "; following the queue and asking again");
        }
        lastRefusal = s.refusal();
      }
      String phase = null;
      if (instanceId != null) {
        Optional<PodSource.State> state = pods.state(instanceId);
        if (state.isEmpty()) {
          say("pod " + instanceId + " has ended");
          synchronized (podLock) {
            instanceId = null;
            podId = null;
          }
        } else {
          PodSource.State s = state.get();
          phase = s.phase();
          podId = s.podId();
          if (!Objects.equals(phase, lastPhase)) {
            say("pod " + instanceId + ": " + phase + " - " + s.message());
            lastPhase = phase;
          }
          if ("failed".equals(phase)) {
            say("pod " + instanceId + " failed: " + s.error());
            endOwnPod("its setup failed");
            return FAILED;
          }
          if ("ready".equals(phase) && keepAlive) {
            keepRunningPod = true;
            say(
                "pod "
                    + instanceId
                    + " is ready and stays up (persistent). End it with "
                    + pods.endHint(podId));
            return OK;
          }
          if (!"ready".equals(phase)
              && podAskedAt != null
              && clock.instant().isAfter(podAskedAt.plus(config.setupTimeout()))) {
            say(
                "pod "
                    + instanceId
                    + " not ready after "
                    + config.setupTimeout().toSeconds()
                    + " s");
            endOwnPod("setup timed out");
            return FAILED;
          }
        }
      }
      say(
          ProgressLine.queue(work)
              + (instanceId == null ? "" : " | ours " + instanceId + " " + phase)
              + pods.progress(instanceId));
      Instant now = clock.instant();
      if (config.maxRuntime() != null && now.isAfter(started.plus(config.maxRuntime()))) {
        say("maximum runtime of " + config.maxRuntime().toSeconds() + " s reached");
        endOwnPod("maximum runtime reached");
        return MAX_RUNTIME;
      }
      if (keepAlive) {
        // a persistent pod is wanted whatever the queue holds
      } else if (work.total() > 0) {
        emptySince = null;
      } else if (emptySince == null) {
        emptySince = now;
      } else if (!now.isBefore(emptySince.plus(config.emptyWait()))) {
        if (instanceId == null) {
          say("the queue is empty and no pod of this run is left: done");
          return OK;
        }
        if (!endAsked && !now.isBefore(emptySince.plus(config.drainGrace()))) {
          endOwnPod("the queue is empty and the pod did not end itself");
          endAsked = true;
        }
      }
      if (instanceId == null && starts >= config.maxStarts() && work.total() > 0) {
        say("started " + starts + " pod(s), the limit (AFTERBURNER_MAX_POD_STARTS); giving up");
        return FAILED;
      }
      sleeper.sleep(config.poll());
    }
    return FAILED;
  }

  /** Empty when stopping; else the pod started or the refusal. */
  private Optional<PodSource.Start> askForPod(boolean persistent)
      throws IOException, InterruptedException, ServerException {
    synchronized (podLock) {
      if (stopping) {
        return Optional.empty();
      }
      PodSource.Start s = pods.start(persistent);
      if (s.instanceId() != null) {
        instanceId = s.instanceId();
        lastInstanceId = instanceId;
        podId = null;
        say(
            "asked for pod "
                + instanceId
                + (persistent ? " (persistent)" : "")
                + ": "
                + s.message());
      }
      return Optional.of(s);
    }
  }

  /** Ends this run's pod (never another's). */
  private void endOwnPod(String why) throws IOException, InterruptedException, ServerException {
    String instance = instanceId;
    if (instance != null) {
      say("ending pod " + instance + " (" + why + "): " + pods.end(instance, podId));
    }
  }

  /**
   * Ctrl+C: stops the loop and ends the run's pod, unless it is a persistent pod that is up. Waits
   * for a pod being asked for, and (bounded) for a pod being created to get its RunPod id.
   */
  void interrupt() {
    stopping = true;
    synchronized (podLock) {
      String instance = instanceId;
      if (instance == null || keepRunningPod) {
        return;
      }
      say("interrupted: ending pod " + instance);
      try {
        Instant deadline = clock.instant().plus(INTERRUPT_WAIT);
        Optional<PodSource.State> state = pods.state(instance);
        while (state.isPresent() && state.get().podId() == null) {
          if (clock.instant().isAfter(deadline)) {
            break;
          }
          sleeper.sleep(Duration.ofSeconds(1));
          state = pods.state(instance);
        }
        if (state.isEmpty()) {
          say("pod " + instance + " is gone");
          return;
        }
        say(pods.end(instance, state.get().podId()));
      } catch (IOException | ServerException e) {
        say(
            "could not end pod "
                + instance
                + " ("
                + JsonHttp.describe(e)
                + "); the server's reaper will");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void say(String line) {
    out.println(TIME.format(clock.instant()) + " " + line);
    out.flush();
  }
}
