package dev.cast2md.worker.afterburner;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The afterburner's one-shot modes: {@code --dry-run}, {@code --test}, {@code --terminate-all}. */
final class AfterburnerChecks {
  private final AfterburnerConfig config;
  private final ServerClient server;
  private final RunPodDirect runPod;
  private final PrintStream out;

  AfterburnerChecks(
      AfterburnerConfig config, ServerClient server, RunPodDirect runPod, PrintStream out) {
    this.config = config;
    this.server = server;
    this.runPod = runPod;
    this.out = out;
  }

  /** Prints the settings and, from read-only calls, what a run would do now; changes nothing. */
  int dryRun(boolean keepAlive, DirectConfig direct) throws InterruptedException {
    out.println("configuration: valid");
    for (Map.Entry<String, String> e : config.describe().entrySet()) {
      out.printf("  %-30s %s%n", e.getKey(), e.getValue());
    }
    if (direct != null) {
      for (Map.Entry<String, String> e : direct.describe().entrySet()) {
        out.printf("  %-30s %s%n", e.getKey(), e.getValue());
      }
      try {
        int running = runPod.named(RunPodDirect.DIRECT_PREFIX).size();
        QueueWork work = server.queue();
        out.printf(
            "RunPod: %d of max %d direct pod(s) up; server: %d job(s) queued, %d running%n",
            running, direct.maxPods(), work.queued(), work.running());
        out.println(
            work.total() == 0 && !keepAlive
                ? "would do nothing: the queue is empty"
                : "would create a "
                    + (keepAlive ? "persistent " : "")
                    + "pod "
                    + RunPodDirect.DIRECT_PREFIX
                    + "<id> through "
                    + config.runPodApi()
                    + " on the first of "
                    + direct.gpus()
                    + " with capacity, then follow it until the queue is empty");
        out.println("dry run: nothing was changed");
        return AfterburnerRun.OK;
      } catch (IOException | ServerException e) {
        out.println("FAILED " + JsonHttp.describe(e));
        return AfterburnerRun.FAILED;
      }
    }
    try {
      PodStatus status = server.status();
      QueueWork work = server.queue();
      out.printf(
          "server: RunPod available=%s enabled=%s, %d of max %d pod(s) up, %d job(s) queued, %d"
              + " running%n",
          status.available(),
          status.enabled(),
          status.states().size(),
          status.maxPods(),
          work.queued(),
          work.running());
      if (!status.available()) {
        out.println("would do nothing: RunPod is not configured on the server");
      } else if (work.total() == 0 && !keepAlive) {
        out.println("would do nothing: the queue is empty");
      } else {
        out.printf(
            "would ask %s/api/runpod/pods for a %s pod%s, then follow %s%n",
            server.base(),
            keepAlive ? "persistent" : "production",
            status.canCreate() ? "" : " (the server would refuse now: " + status.refusal() + ")",
            keepAlive
                ? "its setup until it is ready and leave it running"
                : "its setup and the queue until the queue is empty and the pod has ended");
      }
      out.println("dry run: nothing was changed");
      return AfterburnerRun.OK;
    } catch (IOException | ServerException e) {
      out.println("server: " + JsonHttp.describe(e));
      return AfterburnerRun.FAILED;
    }
  }

  /** Connectivity: the server, its RunPod status, and RunPod itself when a key is set here. */
  int test(boolean direct) throws InterruptedException {
    boolean ok = true;
    try {
      server.health();
      out.println("server " + server.base() + ": reachable");
    } catch (IOException | ServerException e) {
      out.println("server " + server.base() + ": FAILED " + JsonHttp.describe(e));
      return AfterburnerRun.FAILED;
    }
    try {
      PodStatus s = server.status();
      boolean usable = s.available() && s.enabled();
      out.printf(
          "server RunPod: %s (available=%s enabled=%s can_create=%s%s)%n",
          usable ? "OK" : "FAILED",
          s.available(),
          s.enabled(),
          s.canCreate(),
          s.refusal() == null ? "" : ", " + s.refusal());
      ok = usable || direct; // a direct run needs no RunPod on the server
    } catch (IOException | ServerException e) {
      out.println("server RunPod: FAILED " + JsonHttp.describe(e));
      ok = false;
    }
    if (config.runPodKey() == null) {
      out.println("RunPod API: skipped (RUNPOD_API_KEY not set here; the server checks its own)");
      ok = ok && !direct;
    } else {
      try {
        List<RunPodDirect.Pod> ours = runPod.ourPods();
        out.println(
            "RunPod API " + config.runPodApi() + ": OK (" + ours.size() + " cast2md pod(s))");
      } catch (IOException | ServerException e) {
        out.println("RunPod API " + config.runPodApi() + ": FAILED " + JsonHttp.describe(e));
        ok = false;
      }
    }
    return ok ? AfterburnerRun.OK : AfterburnerRun.FAILED;
  }

  /** The pods of {@code --direct} runs (named {@code cast2md-direct-*}), through RunPod. */
  int terminateDirect() throws InterruptedException {
    try {
      List<RunPodDirect.Pod> pods = runPod.named(RunPodDirect.DIRECT_PREFIX);
      for (RunPodDirect.Pod p : pods) {
        runPod.terminate(p.id());
        out.println("terminated " + p.name() + " (" + p.id() + ") through RunPod");
      }
      out.println("terminated " + pods.size() + " direct pod(s) through RunPod");
      return AfterburnerRun.OK;
    } catch (IOException | ServerException e) {
      out.println("RunPod: FAILED " + JsonHttp.describe(e));
      return AfterburnerRun.FAILED;
    }
  }

  /**
   * Every pod, through the server (which also ends their nodes and cost records); directly through
   * RunPod, for the cast2md pods only, when the server cannot be reached and a key is set here.
   */
  int terminateAll() throws InterruptedException {
    try {
      int n = server.terminateAll();
      out.println("terminated " + n + " pod(s) through the server");
      return AfterburnerRun.OK;
    } catch (ServerException e) {
      out.println("server refused: " + e.getMessage());
      return AfterburnerRun.FAILED;
    } catch (IOException e) {
      out.println("server unreachable: " + JsonHttp.describe(e));
      if (config.runPodKey() == null) {
        out.println("set RUNPOD_API_KEY to terminate the pods directly through RunPod");
        return AfterburnerRun.FAILED;
      }
    }
    try {
      List<RunPodDirect.Pod> ours = runPod.ourPods();
      for (RunPodDirect.Pod p : ours) {
        runPod.terminate(p.id());
        out.println("terminated " + p.name() + " (" + p.id() + ") through RunPod");
      }
      out.println("terminated " + ours.size() + " pod(s) through RunPod");
      return AfterburnerRun.OK;
    } catch (IOException | ServerException e) {
      out.println("RunPod: FAILED " + JsonHttp.describe(e));
      return AfterburnerRun.FAILED;
    }
  }
}
