package dev.cast2md.health.boundary;

import dev.cast2md.platform.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/** Whether the database answers, and what it is. */
@ApplicationScoped
public class DatabaseHealth {
  @Inject Database db;

  /** Name, version and whether the database answered a query. */
  public Map<String, Object> probe() {
    Map<String, Object> out = new LinkedHashMap<>();
    try {
      db.inTransaction(
          c -> {
            var md = c.getMetaData();
            out.put("product", md.getDatabaseProductName() + " " + md.getDatabaseProductVersion());
            try (var s = c.createStatement()) {
              s.execute("SELECT 1");
            }
            return null;
          });
      out.put("up", true);
    } catch (RuntimeException e) {
      out.put("up", false);
      out.put("error", e.getClass().getSimpleName());
    }
    return out;
  }
}
