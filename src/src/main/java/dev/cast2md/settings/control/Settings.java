package dev.cast2md.settings.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.microprofile.config.Config;

/**
 * One precedence for every setting: an override stored in the database (changed at runtime), then
 * MicroProfile Config (environment variables such as {@code RUNPOD_MAX_PODS}, system properties,
 * server.xml variables), then the built-in default.
 */
public class Settings {
  private final Database db;
  private final Config config;
  private final Clock clock;

  public Settings(Database db, Config config, Clock clock) {
    this.db = db;
    this.config = config;
    this.clock = clock;
  }

  /** Where a setting's current value comes from. */
  public enum Source {
    DATABASE,
    ENVIRONMENT,
    DEFAULT
  }

  /** A setting's effective value and its origin. */
  public record Value(String key, String value, Source source) {}

  public Value lookup(SettingKey key) {
    Optional<String> stored = stored(key.name());
    if (stored.isPresent()) {
      return new Value(key.name(), stored.get(), Source.DATABASE);
    }
    Optional<String> configured = config.getOptionalValue(key.name(), String.class);
    if (configured.isPresent() && !configured.get().isBlank()) {
      return new Value(key.name(), configured.get(), Source.ENVIRONMENT);
    }
    return new Value(key.name(), key.defaultValue(), Source.DEFAULT);
  }

  public String get(SettingKey key) {
    return lookup(key).value();
  }

  public int getInt(SettingKey key) {
    return parse(key, Integer::valueOf);
  }

  public long getLong(SettingKey key) {
    return parse(key, Long::valueOf);
  }

  public boolean getBoolean(SettingKey key) {
    String v = get(key).trim().toLowerCase();
    return v.equals("true") || v.equals("1") || v.equals("yes") || v.equals("on");
  }

  private <T> T parse(SettingKey key, Function<String, T> parser) {
    Value v = lookup(key);
    try {
      return parser.apply(v.value().trim());
    } catch (NumberFormatException e) {
      throw new IllegalStateException(
          "Setting " + key.name() + " from " + v.source() + " is not a number: " + v.value(), e);
    }
  }

  /** Stores a runtime override after checking it against the key's rules. */
  public Value override(SettingKey key, String value) {
    key.validate(value);
    store(key.name(), value.trim());
    return lookup(key);
  }

  /** Removes the runtime override, falling back to the environment or the default. */
  public Value reset(SettingKey key) {
    db.inTransaction(c -> Sql.update(c, "DELETE FROM setting WHERE setting_key = ?", key.name()));
    return lookup(key);
  }

  public Map<String, Value> all() {
    Map<String, Value> values = new LinkedHashMap<>();
    for (SettingKey key : SettingKey.values()) {
      if (key.editable()) {
        values.put(key.name(), lookup(key));
      }
    }
    return values;
  }

  /** Internal values the server keeps for itself (not user settings). */
  public Optional<String> stored(String key) {
    return db.inTransaction(
        c ->
            Sql.queryOne(
                c,
                "SELECT setting_value FROM setting WHERE setting_key = ?",
                rs -> rs.getString(1),
                key));
  }

  public void store(String key, String value) {
    db.inTransaction(
        c -> {
          if (Sql.update(
                  c,
                  "UPDATE setting SET setting_value = ?, updated_at = ? WHERE setting_key = ?",
                  value,
                  clock.instant(),
                  key)
              == 0) {
            Sql.update(
                c,
                "INSERT INTO setting (setting_key, setting_value, updated_at) VALUES (?, ?, ?)",
                key,
                value,
                clock.instant());
          }
          return null;
        });
  }
}
