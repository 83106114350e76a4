package dev.cast2md.worker.afterburner;

import dev.cast2md.worker.node.Backoff;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "afterburner",
    mixinStandardHelpOptions = true,
    description =
        "Work off the queue on a RunPod GPU pod: ask the server for a pod, follow its setup and"
            + " show progress (queue, pods, audio hours, cost) until the queue is empty and the pod"
            + " has ended. Reads the environment (see docker/afterburner.env.example). Exit codes:"
            + " 0 done, 1 failed, 2 bad configuration, 3 maximum runtime reached; Ctrl+C ends this"
            + " run's pod. --direct creates the pod through RunPod instead (RUNPOD_API_KEY here).")
public final class AfterburnerCommand implements Callable<Integer> {
  static final int USAGE = 2;

  /** Three tries, 1 and 2 s apart (the seed's queue polling): a blip is bridged, not an outage. */
  private static final Backoff RETRY = new Backoff(3, Duration.ofSeconds(1), Duration.ofSeconds(4));

  @Option(names = "--dry-run", description = "Validate the configuration, print what would happen")
  boolean dryRun;

  @Option(names = "--test", description = "Check connectivity to the server and to RunPod")
  boolean test;

  @Option(names = "--keep-alive", description = "Start a persistent pod and leave it running")
  boolean keepAlive;

  @Option(names = "--terminate-all", description = "Terminate every pod and exit")
  boolean terminateAll;

  @Option(
      names = "--direct",
      description =
          "Create the pod through RunPod with RUNPOD_API_KEY instead of through the server")
  boolean direct;

  @Option(names = "--server", description = "Server URL (default: CAST2MD_SERVER_URL)")
  String server;

  @Option(
      names = "--env-file",
      description = "Read KEY=value lines from this file first (the environment wins)")
  Path envFile;

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = System.out;
    if ((test ? 1 : 0) + (terminateAll ? 1 : 0) + (dryRun || keepAlive ? 1 : 0) > 1) {
      out.println("--test and --terminate-all go alone (--dry-run may go with --keep-alive)");
      return USAGE;
    }
    AfterburnerConfig config;
    DirectConfig directConfig = null;
    try {
      Map<String, String> env =
          envFile == null ? System.getenv() : EnvFile.merge(System.getenv(), envFile);
      config = AfterburnerConfig.from(env, server);
      if (direct) {
        directConfig = DirectConfig.from(env, config);
      }
    } catch (IOException e) {
      out.println("cannot read " + envFile + ": " + e.getMessage());
      return USAGE;
    } catch (IllegalArgumentException e) {
      out.println("configuration invalid:");
      e.getMessage().lines().forEach(l -> out.println("  " + l));
      return USAGE;
    }
    ServerClient serverClient =
        new ServerClient(
            new JsonHttp(config.server(), config.authorization(), RETRY, Backoff.Sleeper.REAL));
    RunPodDirect runPod =
        new RunPodDirect(
            new JsonHttp(
                config.runPodApi(),
                config.runPodKey() == null ? null : "Bearer " + config.runPodKey(),
                RETRY,
                Backoff.Sleeper.REAL));
    AfterburnerChecks checks = new AfterburnerChecks(config, serverClient, runPod, out);
    if (dryRun) {
      return checks.dryRun(keepAlive, directConfig);
    }
    if (test) {
      return checks.test(direct);
    }
    if (terminateAll) {
      return direct ? checks.terminateDirect() : checks.terminateAll();
    }
    PodSource pods =
        direct
            ? new DirectPods(
                runPod, serverClient, directConfig, Clock.systemUTC(), Backoff.Sleeper.REAL)
            : new ServerPods(serverClient);
    AfterburnerRun run =
        new AfterburnerRun(
            serverClient, pods, config, out, Clock.systemUTC(), Backoff.Sleeper.REAL);
    Thread hook = new Thread(run::interrupt, "afterburner-interrupt");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      return run.run(keepAlive);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Ctrl+C: the hook is running and ends the pod; nothing to remove.
      }
    }
  }
}
