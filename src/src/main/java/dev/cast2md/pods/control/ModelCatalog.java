package dev.cast2md.pods.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import java.time.Clock;
import java.util.List;

/** The models a pod may be started with; the backend follows from the id. */
public class ModelCatalog {
  /** The seed's catalog: Parakeet first (fast, 25 EU languages), then Whisper sizes. */
  static final List<Model> DEFAULTS =
      List.of(
          new Model(
              "parakeet-tdt-0.6b-v3",
              "Parakeet TDT 0.6B v3 (fast, 25 EU languages)",
              "parakeet",
              true,
              0),
          new Model(
              "large-v3-turbo", "Whisper large-v3-turbo (99+ languages)", "whisper", true, 10),
          new Model("large-v3", "Whisper large-v3 (99+ languages)", "whisper", true, 20),
          new Model("large-v2", "Whisper large-v2 (99+ languages)", "whisper", true, 30),
          new Model("medium", "Whisper medium (99+ languages)", "whisper", true, 40),
          new Model("small", "Whisper small (99+ languages)", "whisper", true, 50));

  /** One catalog entry. */
  public record Model(
      String id, String displayName, String backend, boolean isEnabled, int sortOrder) {}

  private final Database db;
  private final Clock clock;

  public ModelCatalog(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  public static String backendOf(String modelId) {
    String id = modelId.toLowerCase(java.util.Locale.ROOT);
    if (id.contains("parakeet")) {
      return "parakeet";
    }
    return id.contains("sphinx") ? "sphinx" : "whisper";
  }

  public List<Model> list(boolean includeDisabled) {
    return db.inTransaction(
        c ->
            Sql.query(
                c,
                "SELECT id, display_name, backend, is_enabled, sort_order FROM transcription_model"
                    + (includeDisabled ? "" : " WHERE is_enabled = TRUE")
                    + " ORDER BY sort_order, id",
                rs ->
                    new Model(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBoolean(4),
                        rs.getInt(5))));
  }

  /** Adds or re-enables a model at the end of the list. */
  public Model add(String id, String displayName) {
    String name = displayName == null || displayName.isBlank() ? id : displayName.trim();
    String backend = backendOf(id);
    return db.inTransaction(
        c -> {
          int order =
              (int) Sql.count(c, "SELECT COALESCE(MAX(sort_order), 0) FROM transcription_model")
                  + 10;
          if (Sql.update(
                  c,
                  "UPDATE transcription_model SET display_name = ?, backend = ?, is_enabled = TRUE"
                      + " WHERE id = ?",
                  name,
                  backend,
                  id)
              == 0) {
            Sql.update(
                c,
                "INSERT INTO transcription_model (id, display_name, backend, is_enabled,"
                    + " sort_order, created_at) VALUES (?, ?, ?, TRUE, ?, ?)",
                id,
                name,
                backend,
                order,
                clock.instant());
          }
          return new Model(id, name, backend, true, order);
        });
  }

  public boolean delete(String id) {
    return db.inTransaction(
        c -> Sql.update(c, "DELETE FROM transcription_model WHERE id = ?", id) > 0);
  }

  public int reset() {
    return db.inTransaction(
        c -> {
          Sql.update(c, "DELETE FROM transcription_model");
          for (Model m : DEFAULTS) {
            Sql.update(
                c,
                "INSERT INTO transcription_model (id, display_name, backend, is_enabled,"
                    + " sort_order, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                m.id(),
                m.displayName(),
                m.backend(),
                m.isEnabled(),
                m.sortOrder(),
                clock.instant());
          }
          return DEFAULTS.size();
        });
  }
}
