package dev.cast2md.protocol;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.config.PropertyNamingStrategy;

/**
 * The one JSON mapping of the protocol: Java records in camelCase, snake_case on the wire (as the
 * Python nodes expect), nulls written out so that {@code "job_id": null} looks like cast2md's.
 */
public final class ProtocolJson {
  private ProtocolJson() {}

  public static JsonbConfig config() {
    return new JsonbConfig()
        .withPropertyNamingStrategy(PropertyNamingStrategy.LOWER_CASE_WITH_UNDERSCORES)
        .withNullValues(true);
  }

  public static Jsonb create() {
    return JsonbBuilder.create(config());
  }
}
