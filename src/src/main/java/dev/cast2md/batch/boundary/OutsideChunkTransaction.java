package dev.cast2md.batch.boundary;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs database work of a chunk step outside the global transaction the batch runtime holds around
 * each chunk. The application's units of work commit their own local transactions, which a global
 * transaction forbids; a managed task runs without the caller's transaction. Safe here because what
 * the chunk does is idempotent per job instance (an episode is recorded and queued once), so a
 * checkpoint that is lost after the work committed only repeats harmless work.
 */
@ApplicationScoped
public class OutsideChunkTransaction {
  /** Below the runtime's default chunk transaction timeout (180 s). */
  static final long TIMEOUT_SECONDS = 150;

  @Resource ManagedExecutorService executor;

  public <T> T call(Callable<T> work) {
    Future<T> future = executor.submit(work);
    try {
      return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IllegalStateException(
          "chunk database work took longer than " + TIMEOUT_SECONDS + " s", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the chunk's work ran", e);
    }
  }
}
