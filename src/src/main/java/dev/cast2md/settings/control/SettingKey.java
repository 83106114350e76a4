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
  // ---- pods (RunPod and local worker processes) ----
  RUNPOD_ENABLED(Kind.FLAG, "false", true),
  RUNPOD_API_URL(Kind.TEXT, "https://api.runpod.io/v2", false),
  RUNPOD_MAX_PODS("3", 1, 10, true),
  RUNPOD_AUTO_SCALE(Kind.FLAG, "false", true),
  RUNPOD_SCALE_THRESHOLD("10", 1, 100, true),
  RUNPOD_GPU_TYPE(Kind.TEXT, "NVIDIA RTX A5000", true),
  RUNPOD_BLOCKED_GPUS(
      Kind.TEXT, "NVIDIA GeForce RTX 4090,NVIDIA GeForce RTX 4080,NVIDIA L4", false),
  RUNPOD_WHISPER_MODEL(Kind.TEXT, "parakeet-tdt-0.6b-v3", true),
  RUNPOD_IMAGE_NAME(Kind.TEXT, "ghcr.io/cast2md/cast2md-worker:cuda12", false),
  RUNPOD_TEMPLATE_NAME(Kind.TEXT, "cast2md-worker-v1", false),
  RUNPOD_TS_HOSTNAME(Kind.TEXT, "runpod-afterburner", false),
  RUNPOD_IDLE_TIMEOUT_MINUTES("10", 1, 1_440, true),
  RUNPOD_SERVER_URL(Kind.TEXT, "", false),
  RUNPOD_SERVER_IP(Kind.TEXT, "", false),
  RUNPOD_START_TIMEOUT_MINUTES("10", 1, 120, true),
  RUNPOD_SETUP_TIMEOUT_MINUTES("15", 1, 120, true),
  RUNPOD_MAX_LIFETIME_HOURS("24", 1, 720, true),
  POD_HEALTH_GRACE_SECONDS("300", 10, 86_400, true),
  POD_WORKER_HEALTH_PORT("8001", 0, 65_535, false),
  PODS_INTERVAL_SECONDS("15", 1, 3_600, false),
  LOCAL_WORKERS("1", 0, 64, false),
  TRANSCRIPTION_BACKEND(Kind.TEXT, "parakeet", false),
  /** 1: the server downloads each enclosure and serves it to the worker; 0: workers fetch it. */
  AUDIO_RELAY("0", 0, 1, true);

  /** How a value is written and checked. */
  public enum Kind {
    NUMBER,
    FLAG,
    TEXT
  }

  private final Kind kind;
  private final String defaultValue;
  private final long min;
  private final long max;
  private final boolean editable;

  SettingKey(String defaultValue, long min, long max, boolean editable) {
    this(Kind.NUMBER, defaultValue, min, max, editable);
  }

  SettingKey(Kind kind, String defaultValue, boolean editable) {
    this(kind, defaultValue, 0, 0, editable);
  }

  SettingKey(Kind kind, String defaultValue, long min, long max, boolean editable) {
    this.kind = kind;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.editable = editable;
  }

  public Kind kind() {
    return kind;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public boolean editable() {
    return editable;
  }

  /** The smallest value a NUMBER may be set to at runtime. */
  public long min() {
    return min;
  }

  /** The largest value a NUMBER may be set to at runtime. */
  public long max() {
    return max;
  }

  /** Rejects a value outside the key's range with a message an operator can act on. */
  public void validate(String value) {
    if (!editable) {
      throw new IllegalArgumentException(name() + " can only be set in the environment");
    }
    if (kind == Kind.FLAG) {
      String f = value == null ? "" : value.trim().toLowerCase();
      if (!f.equals("true") && !f.equals("false")) {
        throw new IllegalArgumentException(name() + " must be true or false");
      }
      return;
    }
    if (kind == Kind.TEXT) {
      if (value == null || value.isBlank() || value.length() > 1000) {
        throw new IllegalArgumentException(name() + " must be a non-empty text of at most 1000");
      }
      return;
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
