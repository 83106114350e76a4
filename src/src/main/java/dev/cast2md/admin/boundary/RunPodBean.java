package dev.cast2md.admin.boundary;

import dev.cast2md.pods.boundary.PodViews.SetupStateView;
import dev.cast2md.pods.boundary.RunPodResource;
import dev.cast2md.pods.control.ModelCatalog;
import dev.cast2md.pods.entity.GpuOffer;
import dev.cast2md.settings.boundary.SettingsResource;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.model.SelectItem;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The RunPod screen: pods and their setup, GPU types, models, the pod settings, runs and cost. */
@Named("runpod")
@RequestScoped
public class RunPodBean {
  /** The seed's RunPod settings, in its order, then the timers. */
  static final List<SettingKey> KEYS =
      List.of(
          SettingKey.RUNPOD_ENABLED,
          SettingKey.RUNPOD_GPU_TYPE,
          SettingKey.RUNPOD_WHISPER_MODEL,
          SettingKey.RUNPOD_MAX_PODS,
          SettingKey.RUNPOD_SCALE_THRESHOLD,
          SettingKey.RUNPOD_AUTO_SCALE,
          SettingKey.RUNPOD_IDLE_TIMEOUT_MINUTES,
          SettingKey.RUNPOD_START_TIMEOUT_MINUTES,
          SettingKey.RUNPOD_SETUP_TIMEOUT_MINUTES,
          SettingKey.RUNPOD_MAX_LIFETIME_HOURS);

  @Inject RunPodResource api;
  @Inject SettingsResource settingsApi;
  @Inject Settings settings;

  private RunPodResource.Status status;
  private List<GpuOffer> gpuTypes;
  private String gpuError;
  private final Map<String, String> values = new LinkedHashMap<>();
  private String newModelId;
  private String newModelName;

  public RunPodResource.Status getStatus() {
    if (status == null) {
      status = api.status();
    }
    return status;
  }

  public long getReadyCount() {
    return getStatus().setupStates().stream().filter(s -> s.phase().equals("ready")).count();
  }

  public long getStartingCount() {
    return getStatus().setupStates().stream()
        .filter(s -> !s.phase().equals("ready") && !s.phase().equals("failed"))
        .count();
  }

  public List<GpuOffer> getGpuTypes() {
    if (gpuTypes == null) {
      try {
        gpuTypes = api.gpuTypes().gpuTypes();
      } catch (WebApplicationException e) {
        gpuTypes = List.of();
        gpuError = e.getMessage();
      }
    }
    return gpuTypes;
  }

  public String getGpuError() {
    getGpuTypes();
    return gpuError;
  }

  public List<String> getBlocked() {
    return Arrays.stream(settings.get(SettingKey.RUNPOD_BLOCKED_GPUS).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  public boolean blocked(GpuOffer g) {
    List<String> b = getBlocked();
    return b.contains(g.id()) || b.contains(g.displayName());
  }

  public List<ModelCatalog.Model> getModels() {
    return api.models(false).models();
  }

  /** The GPU types to choose from, with the current choice even when the catalog lacks it. */
  public List<SelectItem> getGpuChoices() {
    List<SelectItem> items = new ArrayList<>();
    for (GpuOffer g : getGpuTypes()) {
      String price = g.priceHr() == null ? "" : ", $" + g.priceHr() + "/h";
      items.add(
          new SelectItem(g.id(), g.displayName() + " (" + g.memoryGb() + " GB" + price + ")"));
    }
    return withCurrent(items, SettingKey.RUNPOD_GPU_TYPE);
  }

  public List<SelectItem> getModelChoices() {
    List<SelectItem> items = new ArrayList<>();
    for (ModelCatalog.Model m : getModels()) {
      items.add(new SelectItem(m.id(), m.displayName()));
    }
    return withCurrent(items, SettingKey.RUNPOD_WHISPER_MODEL);
  }

  private List<SelectItem> withCurrent(List<SelectItem> items, SettingKey key) {
    String current = settings.get(key);
    if (items.stream().noneMatch(i -> current.equals(i.getValue()))) {
      items.add(0, new SelectItem(current, current));
    }
    return items;
  }

  public List<SettingKey> getKeys() {
    return KEYS;
  }

  /** Current values, bound to the settings form (filled once per request). */
  public Map<String, String> getValues() {
    if (values.isEmpty()) {
      for (SettingKey k : KEYS) {
        values.put(k.name(), settings.get(k));
      }
    }
    return values;
  }

  public Settings.Value value(SettingKey key) {
    return settings.lookup(key);
  }

  /** How far a pod's setup has come, for its progress bar. */
  public int percent(SetupStateView s) {
    return switch (s.phase()) {
      case "creating" -> 10;
      case "starting" -> 30;
      case "connecting" -> 50;
      case "installing" -> 75;
      default -> 100;
    };
  }

  public void create() {
    createPod(false);
  }

  public void createPersistent() {
    createPod(true);
  }

  private void createPod(boolean persistent) {
    Console.attempt(() -> api.create(new RunPodResource.CreatePodRequest(persistent)).message());
    status = null;
  }

  public void terminate() {
    String pod = Console.param("pods:terminate");
    if (pod != null) {
      Console.attempt(() -> api.terminate(pod).message());
    }
    status = null;
  }

  public void dismiss() {
    String instance = Console.param("pods:dismiss");
    if (instance != null) {
      Console.attempt(() -> api.dismiss(instance).message());
    }
    status = null;
  }

  public void terminateAll() {
    Console.attempt(() -> api.terminateAll().message());
    status = null;
  }

  public void togglePersistent() {
    String instance = Console.param("pods:persistent");
    if (instance != null) {
      boolean now =
          getStatus().setupStates().stream()
              .filter(s -> s.instanceId().equals(instance))
              .anyMatch(SetupStateView::persistent);
      Console.attempt(
          () -> api.persistent(instance, new RunPodResource.PersistentRequest(!now)).message());
    }
    status = null;
  }

  public void saveSettings() {
    int changed = 0;
    for (SettingKey k : KEYS) {
      String wanted = values.get(k.name());
      if (wanted != null && !wanted.trim().equals(settings.get(k))) {
        boolean ok =
            Console.attempt(
                () -> {
                  settingsApi.update(k.name(), new SettingsResource.SettingUpdate(wanted.trim()));
                  return null;
                });
        if (ok) {
          changed++;
        }
      }
    }
    Console.info(changed + " setting(s) saved");
    values.clear();
    status = null;
  }

  public void addModel() {
    Console.attempt(
        () -> api.addModel(new RunPodResource.ModelRequest(newModelId, newModelName)).message());
    newModelId = null;
    newModelName = null;
  }

  public void removeModel() {
    String id = Console.param("models:remove");
    if (id != null) {
      Console.attempt(() -> api.deleteModel(new RunPodResource.ModelRequest(id, null)).message());
    }
  }

  public void resetModels() {
    Console.attempt(() -> api.resetModels().message());
  }

  public String getNewModelId() {
    return newModelId;
  }

  public void setNewModelId(String v) {
    newModelId = v;
  }

  public String getNewModelName() {
    return newModelName;
  }

  public void setNewModelName(String v) {
    newModelName = v;
  }

  public String ago(String instant) {
    return Console.ago(instant);
  }
}
