package dev.cast2md.pods.boundary;

import dev.cast2md.nodes.control.NodeKeys;
import dev.cast2md.platform.boundary.ServerComponents;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The server's own capacity: worker processes on this machine (the worker jar), supervised and
 * restarted with backoff, stopped with the server. Each registers with a one-time setup token that
 * binds it to a local instance id, so no enrolment key has to be handed around.
 */
@ApplicationScoped
public class LocalWorkers {
  private static final Logger LOG = Logger.getLogger(LocalWorkers.class.getName());
  private static final Duration MIN_BACKOFF = Duration.ofSeconds(5);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
  private static final int MAX_QUICK_FAILURES = 10;
  private static final Duration QUICK = Duration.ofMinutes(1);

  @Inject Config config;
  @Inject Database db;
  @Inject Clock clock;
  @Inject ServerComponents components;
  @Resource ManagedThreadFactory threads;

  private final List<Supervisor> supervisors = new ArrayList<>();
  private volatile boolean stopping;

  /** Starts the configured number of local workers; none when the jar is missing. */
  public synchronized void start() {
    int count = config.getOptionalValue("LOCAL_WORKERS", Integer.class).orElse(1);
    if (count <= 0) {
      LOG.info("event=local-workers none configured (LOCAL_WORKERS=0)");
      return;
    }
    Optional<List<String>> launcher = launcher();
    if (launcher.isEmpty()) {
      LOG.warning(
          "event=local-workers not started: no worker jar (CAST2MD_WORKER_JAR) or compiled"
              + " worker classes found; build with ./mvnw -pl worker -am package");
      return;
    }
    for (int i = 1; i <= count; i++) {
      Supervisor s = new Supervisor(i, launcher.get());
      supervisors.add(s);
      Thread t = threads.newThread(s);
      t.setName("local-worker-supervisor-" + i);
      t.start();
    }
  }

  @PreDestroy
  synchronized void stop() {
    stopping = true;
    for (Supervisor s : supervisors) {
      s.stop();
    }
  }

  /** Keeps one worker process running. */
  private final class Supervisor implements Runnable {
    private final int index;
    private final List<String> launcher;
    private volatile Process process;

    Supervisor(int index, List<String> launcher) {
      this.index = index;
      this.launcher = launcher;
    }

    @Override
    public void run() {
      Duration backoff = MIN_BACKOFF;
      int quickFailures = 0;
      while (!stopping) {
        Instant started = clock.instant();
        try {
          process = launch();
          LOG.info("event=local-worker-started index=" + index + " pid=" + process.pid());
          int exit = process.waitFor();
          if (stopping) {
            return;
          }
          LOG.warning("event=local-worker-exited index=" + index + " exit=" + exit);
        } catch (IOException e) {
          LOG.log(Level.WARNING, "event=local-worker-launch-failed index=" + index, e);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        boolean quick = Duration.between(started, clock.instant()).compareTo(QUICK) < 0;
        quickFailures = quick ? quickFailures + 1 : 0;
        backoff = quick ? min(backoff.multipliedBy(2), MAX_BACKOFF) : MIN_BACKOFF;
        if (quickFailures >= MAX_QUICK_FAILURES) {
          LOG.severe(
              "event=local-worker-given-up index="
                  + index
                  + " after "
                  + quickFailures
                  + " quick failures; see its log in the data directory");
          return;
        }
        try {
          Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }

    private Process launch() throws IOException {
      Path home = components.dataDirectory().resolve("local-workers").resolve("worker-" + index);
      Files.createDirectories(home);
      String instance = "local-" + index;
      String token = NodeKeys.newSecret();
      mintSetupToken(instance, token);
      String port = config.getOptionalValue("http.port", String.class).orElse("8000");
      List<String> command = new ArrayList<>(launcher);
      command.add("start");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(
                  ProcessBuilder.Redirect.appendTo(home.resolve("worker.log").toFile()));
      Map<String, String> env = pb.environment();
      env.put("CAST2MD_SERVER_URL", "http://127.0.0.1:" + port);
      env.put("SETUP_TOKEN", token);
      env.put("NODE_NAME", "local-worker-" + index);
      env.put("NODE_CONFIG", home.resolve("worker.json").toString());
      env.put("NODE_WORK_DIR", home.resolve("work").toString());
      env.put("NODE_PERSISTENT", "1");
      env.put("NODE_HEALTH_PORT", "-1");
      env.put(
          "TRANSCRIPTION_BACKEND",
          config.getOptionalValue("LOCAL_WORKER_ENGINE", String.class).orElse("sphinx"));
      config
          .getOptionalValue("LOCAL_WORKER_MODEL", String.class)
          .ifPresent(m -> env.put("WHISPER_MODEL", m));
      env.remove("NODE_ENROLMENT_KEY");
      return pb.start();
    }

    void stop() {
      Process p = process;
      if (p == null || !p.isAlive()) {
        return;
      }
      p.destroy(); // SIGTERM: the worker releases its jobs
      try {
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
  }

  /** A fresh one-time token for the local instance; the worker registers with it if it must. */
  private void mintSetupToken(String instance, String token) {
    Instant now = clock.instant();
    db.inTransaction(
        c -> {
          int n =
              Sql.update(
                  c,
                  "UPDATE pod_setup_state SET setup_token_hash = ?, token_used_at = NULL,"
                      + " phase = 'starting', updated_at = ? WHERE instance_id = ?",
                  NodeKeys.hash(token),
                  now,
                  instance);
          if (n == 0) {
            Sql.update(
                c,
                "INSERT INTO pod_setup_state (instance_id, pod_name, node_name, gpu_type, phase,"
                    + " message, persistent, setup_token_hash, started_at, created_at,"
                    + " updated_at) VALUES (?, 'local', ?, 'cpu', 'starting', '', TRUE, ?, ?, ?, ?)",
                instance,
                "local-worker-" + instance.substring(6),
                NodeKeys.hash(token),
                now,
                now,
                now);
          }
          return null;
        });
  }

  /**
   * How to run the worker: its jar, or, in a source tree that {@code liberty:run} compiled but did
   * not package, its classes with the libraries the build copied next to the server.
   */
  private Optional<List<String>> launcher() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Optional<Path> jar =
        config
            .getOptionalValue("CAST2MD_WORKER_JAR", String.class)
            .or(() -> config.getOptionalValue("cast2md.worker.jar", String.class))
            .map(Path::of)
            .filter(Files::isRegularFile);
    if (jar.isPresent()) {
      return Optional.of(List.of(java, "-jar", jar.get().toAbsolutePath().toString()));
    }
    Optional<String> classpath = config.getOptionalValue("cast2md.worker.classpath", String.class);
    if (classpath.isPresent()
        && Files.isDirectory(Path.of(classpath.get().split(":")[0], "dev/cast2md/worker"))) {
      return Optional.of(
          List.of(java, "-cp", classpath.get(), "dev.cast2md.worker.cli.WorkerMain"));
    }
    return Optional.empty();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
