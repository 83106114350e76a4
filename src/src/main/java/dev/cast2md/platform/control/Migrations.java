package dev.cast2md.platform.control;

import java.util.Map;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings the schema to the current version with Flyway, the same migrations for every database. */
public final class Migrations {
  private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

  private Migrations() {}

  public static MigrateResult migrate(Database db) {
    Dialect dialect = db.dialect();
    Flyway flyway =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(db.dataSource())
            .locations(
                "classpath:db/migration/common",
                "classpath:db/migration/" + dialect.migrationFolder())
            .placeholders(Map.of("text", dialect.textType()))
            .table("schema_history")
            .load();
    MigrateResult result = flyway.migrate();
    LOG.info(
        () ->
            "database schema at version "
                + (result.targetSchemaVersion != null
                    ? result.targetSchemaVersion
                    : result.initialSchemaVersion)
                + " ("
                + result.migrationsExecuted
                + " migrations applied, "
                + dialect
                + ")");
    return result;
  }
}
