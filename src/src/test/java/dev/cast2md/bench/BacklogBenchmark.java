package dev.cast2md.bench;

import dev.cast2md.batch.control.BacklogItems;
import dev.cast2md.batch.control.EpisodeSelection;
import dev.cast2md.batch.control.JobParameters;
import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.Candidate;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * The select-and-enqueue step of transcribe-backlog on a large backlog, through the same code the
 * batch step runs (keyset pages, one transaction per chunk queueing and recording it), on H2 and on
 * the PostgreSQL of this machine. Prints the time and the peak heap in use while it ran, sampled
 * every 5 ms; asserts nothing. Run: {@code ./mvnw -pl src -am test-compile exec:java
 * -Dexec.classpathScope=test -Dexec.mainClass=dev.cast2md.bench.BacklogBenchmark
 * [-Dexec.args="EPISODES CHUNK"]} (defaults 100000 and 500). A small {@code MAVEN_OPTS=-Xmx128m}
 * shows that memory does not grow with the backlog.
 */
public final class BacklogBenchmark {
  private BacklogBenchmark() {}

  public static void main(String[] args) throws Exception {
    int episodes = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int chunk = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    System.out.printf(
        "%-11s %9s %6s %9s %11s %14s %14s %9s%n",
        "database",
        "episodes",
        "chunk",
        "seconds",
        "episodes/s",
        "peak heap MiB",
        "base heap MiB",
        "max MiB");
    run("H2", TestDatabases::h2, episodes, chunk);
    run("PostgreSQL", TestDatabases::postgres, episodes, chunk);
  }

  private static void run(String name, IntFunction<SimplePool> pools, int episodes, int chunk)
      throws Exception {
    try (SimplePool pool = pools.apply(2)) {
      Database db = new Database(pool);
      fill(db, episodes);
      JobQueue queue = new JobQueue(db, Clock.systemUTC(), QueuePolicy.defaults());
      BacklogItems items = new BacklogItems(db, queue, Clock.systemUTC());
      BacklogParameters p =
          JobParameters.backlog(Map.of("chunk_size", String.valueOf(chunk), "states", "new"));
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long base = memory.getHeapMemoryUsage().getUsed();
      AtomicLong peak = new AtomicLong(base);
      Thread sampler =
          new Thread(
              () -> {
                while (!Thread.currentThread().isInterrupted()) {
                  peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                  try {
                    Thread.sleep(5);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
      long started = System.nanoTime();
      long after = 0;
      long recorded = 0;
      while (true) {
        long cursor = after;
        List<Candidate> page =
            db.inTransaction(c -> EpisodeSelection.page(c, p, cursor, p.chunkSize()));
        if (page.isEmpty()) {
          break;
        }
        recorded += items.record(1, page, p.priority());
        after = page.get(page.size() - 1).episodeId();
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      sampler.interrupt();
      sampler.join();
      if (recorded != episodes) {
        throw new IllegalStateException("recorded " + recorded + " of " + episodes);
      }
      System.out.printf(
          Locale.ROOT,
          "%-11s %9d %6d %9.1f %11.0f %14.1f %14.1f %9.0f%n",
          name,
          episodes,
          chunk,
          seconds,
          episodes / seconds,
          peak.get() / 1048576.0,
          base / 1048576.0,
          memory.getHeapMemoryUsage().getMax() / 1048576.0);
    }
  }

  /** The backlog: standalone episodes in state new, inserted in JDBC batches. */
  private static void fill(Database db, int episodes) {
    Instant now = Instant.now();
    for (int from = 0; from < episodes; from += 5000) {
      int start = from;
      int end = Math.min(episodes, from + 5000);
      db.inTransaction(
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO episode (guid, title, audio_url, status, created_at, updated_at)"
                        + " VALUES (?, ?, ?, 'new', ?, ?)")) {
              for (int i = start; i < end; i++) {
                Sql.bind(ps, "bench-" + i, "bench " + i, "http://bench/" + i, now, now);
                ps.addBatch();
              }
              ps.executeBatch();
            }
            return null;
          });
    }
  }
}
