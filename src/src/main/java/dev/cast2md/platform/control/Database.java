package dev.cast2md.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The one way the application talks to its database: a unit of work runs in one local JDBC
 * transaction, committed when it returns and rolled back when it throws. Deadlocks, lock timeouts
 * and serialization failures are retried a bounded number of times with jittered backoff.
 */
public class Database {
  private static final Logger LOG = Logger.getLogger(Database.class.getName());
  private static final int MAX_TRIES = 5;

  private final DataSource dataSource;
  private volatile Dialect dialect;

  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A piece of work on an open connection. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Dialect dialect() {
    Dialect d = dialect;
    if (d == null) {
      d = inTransaction(Dialect::of);
      dialect = d;
    }
    return d;
  }

  public <T> T inTransaction(Work<T> work) {
    SQLException last = null;
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      try {
        return runOnce(work);
      } catch (SQLException e) {
        if (!isTransient(e) || attempt == MAX_TRIES) {
          throw new DataAccessException(e);
        }
        last = e;
        LOG.fine(() -> "transient database conflict, retrying: " + e.getMessage());
        backoff(attempt);
      }
    }
    throw new DataAccessException(last);
  }

  private <T> T runOnce(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      boolean autoCommit = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(c, e);
        throw e;
      } finally {
        c.setAutoCommit(autoCommit);
      }
    }
  }

  private static void rollbackQuietly(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  /** Conflicts that a retry of the whole unit of work can resolve. */
  static boolean isTransient(SQLException e) {
    for (SQLException s = e; s != null; s = s.getNextException()) {
      String state = s.getSQLState();
      if (state != null
          && (state.equals("40001") // serialization failure
              || state.equals("40P01") // PostgreSQL deadlock
              || state.equals("55P03") // PostgreSQL lock not available
              || state.equals("HYT00"))) { // H2 lock timeout
        return true;
      }
      if (s.getErrorCode() == 50200 || s.getErrorCode() == 40001) { // H2 lock timeout / deadlock
        return true;
      }
    }
    return false;
  }

  private static void backoff(int attempt) {
    long ceiling = 10L << attempt;
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a transaction", e);
    }
  }
}
