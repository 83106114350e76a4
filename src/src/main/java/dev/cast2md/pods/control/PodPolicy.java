package dev.cast2md.pods.control;

import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import java.time.Duration;

/**
 * The pod settings as one provider sees them, read once per decision. Local worker processes use
 * the same lifecycle with their own cap ({@code LOCAL_WORKERS}) and are always scaled with the
 * queue; RunPod pods follow the RunPod switches.
 */
public record PodPolicy(
    boolean enabled,
    boolean autoScale,
    int maxPods,
    int scaleThreshold,
    String gpuType,
    String blockedGpus,
    String model,
    String backend,
    int idleTimeoutMinutes,
    String serverUrl,
    String serverIp,
    String tsHostname,
    Duration startTimeout,
    Duration setupTimeout,
    Duration maxLifetime,
    Duration healthGrace) {

  public static PodPolicy from(Settings s, String provider) {
    boolean local = LocalPodProvider.NAME.equals(provider);
    String model = s.get(SettingKey.RUNPOD_WHISPER_MODEL).trim();
    String backend =
        local ? s.get(SettingKey.TRANSCRIPTION_BACKEND).trim() : ModelCatalog.backendOf(model);
    if (local && !backend.equals("parakeet") && !backend.equals("whisper")) {
      model = "";
    }
    return new PodPolicy(
        local ? s.getInt(SettingKey.LOCAL_WORKERS) > 0 : s.getBoolean(SettingKey.RUNPOD_ENABLED),
        local || s.getBoolean(SettingKey.RUNPOD_AUTO_SCALE),
        local ? s.getInt(SettingKey.LOCAL_WORKERS) : s.getInt(SettingKey.RUNPOD_MAX_PODS),
        s.getInt(SettingKey.RUNPOD_SCALE_THRESHOLD),
        s.get(SettingKey.RUNPOD_GPU_TYPE).trim(),
        s.get(SettingKey.RUNPOD_BLOCKED_GPUS),
        model,
        backend,
        s.getInt(SettingKey.RUNPOD_IDLE_TIMEOUT_MINUTES),
        s.get(SettingKey.RUNPOD_SERVER_URL).trim(),
        s.get(SettingKey.RUNPOD_SERVER_IP).trim(),
        s.get(SettingKey.RUNPOD_TS_HOSTNAME).trim(),
        Duration.ofMinutes(s.getLong(SettingKey.RUNPOD_START_TIMEOUT_MINUTES)),
        Duration.ofMinutes(s.getLong(SettingKey.RUNPOD_SETUP_TIMEOUT_MINUTES)),
        Duration.ofHours(s.getLong(SettingKey.RUNPOD_MAX_LIFETIME_HOURS)),
        Duration.ofSeconds(s.getLong(SettingKey.POD_HEALTH_GRACE_SECONDS)));
  }

  /** The same policy for pods that run another model (a batch job's choice); blank keeps it. */
  public PodPolicy withModel(String otherModel) {
    if (otherModel == null || otherModel.isBlank()) {
      return this;
    }
    String id = otherModel.trim();
    return new PodPolicy(
        enabled,
        autoScale,
        maxPods,
        scaleThreshold,
        gpuType,
        blockedGpus,
        id,
        ModelCatalog.backendOf(id),
        idleTimeoutMinutes,
        serverUrl,
        serverIp,
        tsHostname,
        startTimeout,
        setupTimeout,
        maxLifetime,
        healthGrace);
  }
}
