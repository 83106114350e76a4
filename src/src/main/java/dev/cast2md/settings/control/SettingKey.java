package dev.cast2md.settings.control;

/**
 * Every setting the server reads, with its default and the range an operator may set it to. The
 * name is the environment variable; editable ones can be overridden at runtime via the API.
 */
public enum SettingKey {
  QUEUE_LEASE_SECONDS("300", 5, 86_400, true),
  QUEUE_ORPHAN_GRACE_SECONDS("90", 60, 3_600, true),
  QUEUE_RETRY_BACKOFF_SECONDS("300", 1, 86_400, true),
  QUEUE_RETRY_BACKOFF_FACTOR("5", 1, 100, true),
  QUEUE_RETRY_BACKOFF_CAP_SECONDS("43200", 1, 604_800, true),
  QUEUE_MAX_ATTEMPTS("10", 1, 100, true),
  COORDINATOR_INTERVAL_SECONDS("30", 1, 3_600, false),
  NODE_HEARTBEAT_TIMEOUT_SECONDS("90", 10, 86_400, true),
  NODE_OPEN_REGISTRATION("false", 0, 0, false),
  CAST2MD_BUILD_VERSION("dev", 0, 0, false),
  /** 1: the server downloads each enclosure and serves it to the worker; 0: workers fetch it. */
  AUDIO_RELAY("0", 0, 1, true);

  private final String defaultValue;
  private final long min;
  private final long max;
  private final boolean editable;

  SettingKey(String defaultValue, long min, long max, boolean editable) {
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.editable = editable;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public boolean editable() {
    return editable;
  }

  /** Rejects a value outside the key's range with a message an operator can act on. */
  public void validate(String value) {
    if (!editable) {
      throw new IllegalArgumentException(name() + " can only be set in the environment");
    }
    long v;
    try {
      v = Long.parseLong(value == null ? "" : value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name() + " must be a whole number");
    }
    if (v < min || v > max) {
      throw new IllegalArgumentException(name() + " must be between " + min + " and " + max);
    }
  }

  public static SettingKey parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown setting: " + name);
    }
  }
}
