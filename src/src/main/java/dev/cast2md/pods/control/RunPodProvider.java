package dev.cast2md.pods.control;

import dev.cast2md.pods.control.runpod.RunPodApiPort;
import dev.cast2md.pods.control.runpod.RunPodException;
import dev.cast2md.pods.entity.GpuOffer;
import dev.cast2md.pods.entity.PodLaunch;
import dev.cast2md.pods.entity.ProvidedPod;
import dev.cast2md.pods.entity.RunPodCreatePod;
import dev.cast2md.pods.entity.RunPodCreateTemplate;
import dev.cast2md.pods.entity.RunPodGpu;
import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.pods.entity.RunPodTemplate;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Pods on RunPod: the template is found by name or created once, pods are created from it with the
 * pod's own environment, the GPU catalog is cached for an hour (a failed read is not cached). Every
 * RunPod failure reaches the lifecycle as a {@link PodProviderException}.
 */
public class RunPodProvider implements PodProvider {
  public static final String NAME = "runpod";
  private static final Logger LOG = Logger.getLogger(RunPodProvider.class.getName());
  private static final Duration CATALOG_TTL = Duration.ofHours(1);

  /** Hosts whose driver runs CUDA 12.4 or newer, as the worker image needs. */
  static final List<String> CUDA_VERSIONS = List.of("12.4", "12.5", "12.6", "12.8", "12.9");

  private final RunPodApiPort api;
  private final Settings settings;
  private final Clock clock;
  private volatile String templateId;
  private volatile List<GpuOffer> catalog;
  private volatile Instant catalogAt = Instant.EPOCH;

  public RunPodProvider(RunPodApiPort api, Settings settings, Clock clock) {
    this.api = api;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public List<ProvidedPod> list() {
    return guarded(
        () ->
            api.listPods().stream()
                .filter(p -> PodNames.ours(p.name()))
                .map(RunPodProvider::provided)
                .toList());
  }

  @Override
  public Optional<ProvidedPod> find(String podId) {
    return guarded(() -> api.findPod(podId).map(RunPodProvider::provided));
  }

  @Override
  public ProvidedPod create(PodLaunch launch) {
    try {
      return createFrom(template(), launch);
    } catch (PodProviderException e) {
      // the remembered template is gone at RunPod (deleted there, or another account or API):
      // find or create it again, once, instead of refusing every pod until a restart
      String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
      if (e.kind() != PodProviderException.Kind.REFUSED || !message.contains("template")) {
        throw e;
      }
      LOG.warning("event=runpod-template-lost id=" + templateId + " " + e.getMessage());
      templateId = null;
      return createFrom(template(), launch);
    }
  }

  private ProvidedPod createFrom(String template, PodLaunch launch) {
    return guarded(
        () ->
            provided(
                api.createPod(
                    new RunPodCreatePod(
                        launch.name(),
                        template,
                        launch.gpuId(),
                        null,
                        launch.env(),
                        CUDA_VERSIONS))));
  }

  @Override
  public void terminate(String podId) {
    guarded(
        () -> {
          api.terminatePod(podId);
          return null;
        });
  }

  @Override
  public List<GpuOffer> gpuTypes() {
    Instant now = clock.instant();
    List<GpuOffer> cached = catalog;
    if (cached != null && catalogAt.plus(CATALOG_TTL).isAfter(now)) {
      return cached;
    }
    List<GpuOffer> fresh =
        guarded(
            () ->
                api.gpuCatalog().stream()
                    .map(RunPodProvider::offer)
                    .sorted(
                        Comparator.comparing(
                                GpuOffer::priceHr, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(GpuOffer::id))
                    .toList());
    catalog = fresh;
    catalogAt = now;
    return fresh;
  }

  /** The template the pods start from: ours by name, created when missing. */
  private String template() {
    String id = templateId;
    if (id != null) {
      return id;
    }
    synchronized (this) {
      if (templateId == null) {
        String name = settings.get(SettingKey.RUNPOD_TEMPLATE_NAME).trim();
        Optional<RunPodTemplate> found = guarded(() -> api.findTemplate(name));
        RunPodTemplate t =
            found.orElseGet(() -> guarded(() -> api.createTemplate(templateRequest(name))));
        LOG.info(
            "event=runpod-template "
                + (found.isPresent() ? "found" : "created")
                + " name="
                + name
                + " id="
                + t.id());
        templateId = t.id();
      }
      return templateId;
    }
  }

  private RunPodCreateTemplate templateRequest(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    // resolved by RunPod inside the container only: the Tailscale key never passes this server
    env.put("TS_AUTH_KEY", "{{ RUNPOD_SECRET_ts_auth_key }}");
    String url = settings.get(SettingKey.RUNPOD_SERVER_URL).trim();
    if (!url.isEmpty()) {
      env.put("CAST2MD_SERVER_URL", url);
    }
    String ip = settings.get(SettingKey.RUNPOD_SERVER_IP).trim();
    if (!ip.isEmpty()) {
      env.put("CAST2MD_SERVER_IP", ip);
    }
    return new RunPodCreateTemplate(
        name,
        settings.get(SettingKey.RUNPOD_IMAGE_NAME).trim(),
        List.of("/opt/cast2md/pod-start.sh"),
        20,
        List.of("22/tcp"),
        env);
  }

  static ProvidedPod provided(RunPodPod p) {
    ProvidedPod.Status status =
        switch (p.status() == null ? "" : p.status()) {
          case "RUNNING" ->
              p.runtimeUp() ? ProvidedPod.Status.RUNNING : ProvidedPod.Status.STARTING;
          case "EXITED", "ERROR", "TERMINATED" -> ProvidedPod.Status.EXITED;
          default -> ProvidedPod.Status.STARTING;
        };
    return new ProvidedPod(
        p.id(), p.name(), status, p.gpuId(), p.gpuDisplayName(), p.costPerHr(), p.publicIp());
  }

  private static GpuOffer offer(RunPodGpu g) {
    return new GpuOffer(
        g.id(), g.displayName(), g.memoryGb(), g.offerable() ? g.lowestPrice() : null);
  }

  /** What a RunPod failure means for the lifecycle. */
  public static PodProviderException translate(RunPodException e) {
    PodProviderException.Kind kind =
        switch (e.kind()) {
          case CAPACITY -> PodProviderException.Kind.CAPACITY;
          case BAD_REQUEST, NOT_FOUND -> PodProviderException.Kind.REFUSED;
          default -> PodProviderException.Kind.UNAVAILABLE;
        };
    return new PodProviderException(kind, e.getMessage(), e);
  }

  /** True for failures about the request, not about RunPod's health. */
  public static boolean requestShaped(RunPodException e) {
    return translate(e).kind() != PodProviderException.Kind.UNAVAILABLE;
  }

  private static <T> T guarded(java.util.function.Supplier<T> call) {
    try {
      return call.get();
    } catch (PodProviderException e) {
      throw e;
    } catch (RunPodException e) {
      throw translate(e);
    } catch (RuntimeException e) {
      // the circuit breaker's fast failure, or anything else between us and RunPod
      throw new PodProviderException(
          PodProviderException.Kind.UNAVAILABLE,
          "RunPod unavailable: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
  }
}
