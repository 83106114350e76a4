package dev.cast2md.worker.afterburner;

import dev.cast2md.worker.node.Backoff;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The default afterburner run: asks the server for a pod, follows its setup, shows progress until
 * the queue is empty and the pod has ended (the pod ends itself; the run asks the server to end it
 * when it lingers). The server caps the pods, so parallel runs never exceed the maximum: a refused
 * run follows the queue and asks again while work is left. Only the run's own pod is ever
 * terminated. {@link #interrupt()} (Ctrl+C) ends the run's pod, unless it is a persistent pod that
 * was already up: then the server watches it, as it watches every pod.
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
      AfterburnerConfig config,
      PrintStream out,
      Clock clock,
      Backoff.Sleeper sleeper) {
    this.server = server;
    this.config = config;
    this.out = out;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  int run(boolean keepAlive) throws InterruptedException {
    Instant started = clock.instant();
    try {
      PodStatus status = server.status();
      if (!status.available()) {
        say("RunPod is not configured on the server (pod provider: " + status.provider() + ")");
        return FAILED;
      }
      QueueWork work = server.queue();
      say(
          "server "
              + server.base()
              + ": "
              + work.total()
              + " job(s) waiting or running, "
              + status.states().size()
              + " of max "
              + status.maxPods()
              + " pod(s) up");
      if (work.total() == 0 && !keepAlive) {
        say("the queue is empty: no pod needed");
        return OK;
      }
      int result = follow(keepAlive, started);
      PodStatus end = server.status();
      say(
          ProgressLine.summary(
              end, lastInstanceId, Duration.between(started, clock.instant()).toSeconds()));
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
    boolean terminateAsked = false;
    while (!stopping) {
      QueueWork work = server.queue();
      // a pod only for waiting work: running jobs belong to pods that are already there
      if (instanceId == null && starts < config.maxStarts() && (keepAlive || work.queued() > 0)) {
        Optional<String> refusal = askForPod(keepAlive);
        if (refusal.isEmpty()) {
          starts++;
          podAskedAt = clock.instant();
          lastPhase = null;
          terminateAsked = false;
        } else if (!refusal.get().startsWith("Max pods")) {
          say("the server refused a pod: " + refusal.get());
          return FAILED;
        } else if (!refusal.get().equals(lastRefusal)) {
          say("no pod for now: " + refusal.get() + "; following the queue and asking again");
        }
        lastRefusal = refusal.orElse(null);
      }
      String phase = null;
      if (instanceId != null) {
        Optional<JsonObject> state = server.setupStatus(instanceId);
        if (state.isEmpty()) {
          say("pod " + instanceId + " has ended");
          synchronized (podLock) {
            instanceId = null;
            podId = null;
          }
        } else {
          phase = PodStatus.text(state.get(), "phase");
          podId = PodStatus.text(state.get(), "pod_id");
          if (!java.util.Objects.equals(phase, lastPhase)) {
            say(
                "pod "
                    + instanceId
                    + ": "
                    + phase
                    + " - "
                    + PodStatus.text(state.get(), "message"));
            lastPhase = phase;
          }
          if ("failed".equals(phase)) {
            say("pod " + instanceId + " failed: " + PodStatus.text(state.get(), "error"));
            endOwnPod("its setup failed");
            return FAILED;
          }
          if ("ready".equals(phase) && keepAlive) {
            keepRunningPod = true;
            say(
                "pod "
                    + instanceId
                    + " is ready and stays up (persistent). End it with 'afterburner"
                    + " --terminate-all' or DELETE /api/runpod/pods/"
                    + podId);
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
      PodStatus status = server.status();
      say(ProgressLine.of(work, status, instanceId, phase));
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
        if (!terminateAsked && !now.isBefore(emptySince.plus(config.drainGrace()))) {
          endOwnPod("the queue is empty and the pod did not end itself");
          terminateAsked = true;
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

  /** Empty when a pod was started; else the server's reason. */
  private Optional<String> askForPod(boolean persistent)
      throws IOException, InterruptedException, ServerException {
    synchronized (podLock) {
      if (stopping) {
        return Optional.of("stopping");
      }
      try {
        JsonObject created = server.createPod(persistent);
        instanceId = PodStatus.text(created, "instance_id");
        lastInstanceId = instanceId;
        podId = null;
        say(
            "asked for pod "
                + instanceId
                + (persistent ? " (persistent)" : "")
                + ": "
                + PodStatus.text(created, "message"));
        return Optional.empty();
      } catch (ServerException e) {
        if (e.status() == 400) {
          return Optional.of(
              e.getMessage()
                  .replaceFirst("^create pod: ", "")
                  .replaceFirst(" \\(HTTP 400\\)$", ""));
        }
        throw e;
      }
    }
  }

  /** Asks the server to end this run's pod (never another's). */
  private void endOwnPod(String why) throws IOException, InterruptedException, ServerException {
    String instance = instanceId;
    if (instance == null) {
      return;
    }
    String pod = podId;
    if (pod != null) {
      say("terminating pod " + instance + " (" + pod + "): " + why);
      server.terminatePod(pod);
    } else if (server.dismiss(instance)) {
      say("cancelled pod " + instance + " before it existed: " + why);
    }
  }

  /**
   * Ctrl+C: stops the loop and ends the run's pod, unless it is a persistent pod that is up. Waits
   * for a pod being asked for, and for a pod being created to get its id, both bounded.
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
        for (int tries = 0; tries < 2 * INTERRUPT_WAIT.toSeconds(); tries++) {
          Optional<JsonObject> state = server.setupStatus(instance);
          if (state.isEmpty()) {
            say("pod " + instance + " is gone");
            return;
          }
          String pod = PodStatus.text(state.get(), "pod_id");
          if (pod != null) {
            server.terminatePod(pod);
            say("terminated pod " + instance + " (" + pod + ")");
            return;
          }
          if (clock.instant().isAfter(deadline)) {
            if (server.dismiss(instance)) {
              say("cancelled pod " + instance + "; the server reaps it if RunPod still creates it");
              return;
            }
            deadline = clock.instant().plus(Duration.ofSeconds(5)); // it just got a pod: end that
          }
          sleeper.sleep(Duration.ofSeconds(1));
        }
        say("pod " + instance + " got no RunPod id in time; the server's reaper ends it");
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
