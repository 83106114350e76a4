package dev.cast2md.platform.control;

import java.sql.Connection;
import java.sql.SQLException;

/** The two databases the application runs on. */
public enum Dialect {
  H2,
  POSTGRESQL;

  public static Dialect of(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase();
    if (product.contains("postgres")) {
      return POSTGRESQL;
    }
    if (product.contains("h2")) {
      return H2;
    }
    throw new SQLException("unsupported database: " + product);
  }

  /** Name of the Flyway location holding this database's own migrations. */
  public String migrationFolder() {
    return this == H2 ? "h2" : "postgresql";
  }

  /** Type for long texts (transcripts, descriptions). */
  public String textType() {
    return this == H2 ? "CLOB" : "TEXT";
  }
}
