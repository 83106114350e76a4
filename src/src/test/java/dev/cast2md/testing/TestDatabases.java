package dev.cast2md.testing;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh, migrated databases for tests: an H2 in memory, or a new schema in the real PostgreSQL on
 * this machine ({@code test.pg.url}, default 127.0.0.1:5432/test, trust auth).
 */
public final class TestDatabases {
  private TestDatabases() {}

  public static SimplePool h2(int poolSize) {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL(
        "jdbc:h2:mem:t"
            + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1;MODE=LEGACY;NON_KEYWORDS=VALUE;LOCK_TIMEOUT=10000");
    ds.setUser("sa");
    ds.setPassword("sa");
    return migrated(new SimplePool(ds, poolSize));
  }

  public static SimplePool postgres(int poolSize) {
    String url = System.getProperty("test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getProperty("test.pg.user", "postgres");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setURL(url);
    admin.setUser(user);
    try (Connection c = admin.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at " + url + " is needed for this test: " + e.getMessage(), e);
    }
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    ds.setUser(user);
    ds.setCurrentSchema(schema);
    return migrated(
        new SimplePool(ds, poolSize)
            .afterClose(
                () -> {
                  try (Connection c = admin.getConnection();
                      Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                  } catch (SQLException e) {
                    throw new IllegalStateException("cannot drop test schema " + schema, e);
                  }
                }));
  }

  private static SimplePool migrated(SimplePool pool) {
    Migrations.migrate(new Database(pool));
    return pool;
  }
}
