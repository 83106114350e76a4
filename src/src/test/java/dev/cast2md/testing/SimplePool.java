package dev.cast2md.testing;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A fixed connection pool for tests and benchmarks outside Liberty, so that connection set-up does
 * not dominate what they measure. Closing a handed-out connection returns it.
 */
public final class SimplePool implements DataSource, AutoCloseable {
  private final DataSource target;
  private final BlockingQueue<Connection> idle;
  private Runnable afterClose = () -> {};

  public SimplePool(DataSource target, int size) {
    this.target = target;
    this.idle = new ArrayBlockingQueue<>(size);
    try {
      for (int i = 0; i < size; i++) {
        idle.add(target.getConnection());
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot open the pool's connections", e);
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection real;
    try {
      real = idle.poll(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted waiting for a connection", e);
    }
    if (real == null) {
      throw new SQLException("no connection free within 30 s");
    }
    boolean[] returned = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              if (method.getName().equals("close")) {
                if (!returned[0]) {
                  returned[0] = true;
                  idle.add(real);
                }
                return null;
              }
              try {
                return method.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  /** Something to do once every connection is closed, such as dropping a test schema. */
  public SimplePool afterClose(Runnable action) {
    this.afterClose = action;
    return this;
  }

  @Override
  public void close() {
    for (Connection c : idle) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing at the end of a test; nothing to recover
      }
    }
    afterClose.run();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
