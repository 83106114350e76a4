package dev.cast2md.pods.boundary;

import dev.cast2md.pods.control.PodProviderException;
import dev.cast2md.pods.control.RunPodProvider;
import dev.cast2md.pods.control.runpod.RunPodApiPort;
import dev.cast2md.pods.control.runpod.RunPodClient;
import dev.cast2md.pods.control.runpod.RunPodException;
import dev.cast2md.pods.entity.RunPodCreatePod;
import dev.cast2md.pods.entity.RunPodCreateTemplate;
import dev.cast2md.pods.entity.RunPodGpu;
import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.pods.entity.RunPodTemplate;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;

/**
 * RunPod behind a circuit breaker: when most recent calls failed for reasons on RunPod's side
 * (outage, auth, rate limit), calls fail fast for a minute instead of each waiting out its retries.
 * Answers that are about the request (no capacity for this GPU, refused) do not count, they come
 * back as {@link PodProviderException}. The client does the timeouts and the bounded,
 * Retry-After-aware retries. The API key is read here, from the environment only.
 */
@ApplicationScoped
@CircuitBreaker(
    requestVolumeThreshold = 4,
    failureRatio = 0.75,
    delay = 60_000,
    failOn = RunPodException.class,
    skipOn = PodProviderException.class)
public class RunPodGateway implements RunPodApiPort {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  @Inject Config config;
  @Inject Settings settings;

  private RunPodClient client;

  public boolean configured() {
    return apiKey().isPresent();
  }

  private Optional<String> apiKey() {
    return config.getOptionalValue("RUNPOD_API_KEY", String.class).filter(k -> !k.isBlank());
  }

  private synchronized RunPodClient client() {
    if (client == null) {
      String key =
          apiKey()
              .orElseThrow(
                  () ->
                      new PodProviderException(
                          PodProviderException.Kind.UNAVAILABLE, "RUNPOD_API_KEY is not set"));
      client =
          RunPodClient.create(
              URI.create(settings.get(SettingKey.RUNPOD_API_URL).trim()),
              key,
              CONNECT_TIMEOUT,
              READ_TIMEOUT);
    }
    return client;
  }

  @Override
  public List<RunPodPod> listPods() {
    return call(() -> client().listPods());
  }

  @Override
  public Optional<RunPodPod> findPod(String podId) {
    return call(() -> client().findPod(podId));
  }

  @Override
  public RunPodPod createPod(RunPodCreatePod request) {
    return call(() -> client().createPod(request));
  }

  @Override
  public void terminatePod(String podId) {
    call(
        () -> {
          client().terminatePod(podId);
          return null;
        });
  }

  @Override
  public Optional<RunPodTemplate> findTemplate(String name) {
    return call(() -> client().findTemplate(name));
  }

  @Override
  public RunPodTemplate createTemplate(RunPodCreateTemplate request) {
    return call(() -> client().createTemplate(request));
  }

  @Override
  public List<RunPodGpu> gpuCatalog() {
    return call(() -> client().gpuCatalog());
  }

  /** Request-shaped failures leave the breaker alone; RunPod-side ones count against it. */
  private static <T> T call(java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (RunPodException e) {
      throw RunPodProvider.requestShaped(e) ? RunPodProvider.translate(e) : e;
    }
  }

  @PreDestroy
  synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }
}
