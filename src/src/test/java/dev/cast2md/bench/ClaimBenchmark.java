package dev.cast2md.bench;

import dev.cast2md.feeds.control.EpisodeRepository;
import dev.cast2md.platform.control.Database;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.queue.entity.JobType;
import dev.cast2md.testing.SimplePool;
import dev.cast2md.testing.TestDatabases;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Claims per second and claim latency (p50/p99) with 1, 4 and 16 concurrent claimers, on H2 and on
 * the PostgreSQL of this machine, through the server's own claim code. Prints a table; asserts
 * nothing. Run: {@code ./mvnw -pl src -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.cast2md.bench.ClaimBenchmark [-Dexec.args=JOBS]}.
 */
public final class ClaimBenchmark {
  private ClaimBenchmark() {}

  public static void main(String[] args) throws Exception {
    int jobs = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
    System.out.printf(
        "%-11s %9s %7s %11s %10s %10s %9s%n",
        "database", "claimers", "jobs", "claims/s", "p50 ms", "p99 ms", "double");
    run("H2", TestDatabases::h2, jobs);
    run("PostgreSQL", TestDatabases::postgres, jobs);
  }

  private static void run(String name, IntFunction<SimplePool> pools, int jobs) throws Exception {
    for (int claimers : new int[] {1, 4, 16}) {
      try (SimplePool pool = pools.apply(claimers + 1)) {
        Database db = new Database(pool);
        JobQueue queue = new JobQueue(db, Clock.systemUTC(), QueuePolicy.defaults());
        fill(db, queue, jobs);
        // warm up the JIT and the database's plans on a few claims that are not measured
        for (int i = 0; i < 50; i++) {
          queue.claim("warm-up", JobType.TRANSCRIBE);
        }
        Result r = measure(queue, claimers);
        System.out.printf(
            Locale.ROOT,
            "%-11s %9d %7d %11.0f %10.2f %10.2f %9d%n",
            name,
            claimers,
            r.claims,
            r.claims / r.seconds,
            r.percentile(50),
            r.percentile(99),
            r.duplicates);
      }
    }
  }

  private static void fill(Database db, JobQueue queue, int jobs) {
    db.inTransaction(
        c -> {
          for (int i = 0; i < jobs; i++) {
            long ep =
                EpisodeRepository.createStandalone(
                    c, "bench " + i, "http://bench/" + i, null, java.time.Instant.now());
            queue.enqueue(c, ep, JobType.TRANSCRIBE, i % 5);
          }
          return null;
        });
  }

  private record Result(int claims, double seconds, double[] latenciesMs, int duplicates) {
    double percentile(int p) {
      if (latenciesMs.length == 0) {
        return 0;
      }
      int index = (int) Math.ceil(p / 100.0 * latenciesMs.length) - 1;
      return latenciesMs[Math.max(0, Math.min(index, latenciesMs.length - 1))];
    }
  }

  private static Result measure(JobQueue queue, int claimers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(claimers);
    List<Future<List<long[]>>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < claimers; t++) {
      String node = "bench-" + t;
      futures.add(
          pool.submit(
              () -> {
                List<long[]> mine = new ArrayList<>();
                while (true) {
                  long before = System.nanoTime();
                  var claimed = queue.claim(node, JobType.TRANSCRIBE);
                  long took = System.nanoTime() - before;
                  if (claimed.isEmpty()) {
                    return mine;
                  }
                  mine.add(new long[] {claimed.get().job().id(), took});
                }
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<List<long[]>> f : futures) {
      all.addAll(f.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    double[] latencies = all.stream().mapToDouble(a -> a[1] / 1e6).sorted().toArray();
    long distinct = all.stream().mapToLong(a -> a[0]).distinct().count();
    return new Result(all.size(), seconds, latencies, (int) (all.size() - distinct));
  }
}
