package dev.cast2md.pods.boundary;

import dev.cast2md.nodes.control.NodeAdmin;
import dev.cast2md.platform.boundary.ServerComponents;
import dev.cast2md.platform.control.Database;
import dev.cast2md.pods.control.Autoscaler;
import dev.cast2md.pods.control.LocalPodProvider;
import dev.cast2md.pods.control.ModelCatalog;
import dev.cast2md.pods.control.PodLifecycle;
import dev.cast2md.pods.control.PodProvider;
import dev.cast2md.pods.control.PodSweep;
import dev.cast2md.pods.control.RunPodProvider;
import dev.cast2md.pods.control.WorkerHealthProbe;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Chooses the pod provider once: RunPod when an API key is configured, else worker processes on
 * this machine. The key is read here and handed to the client only; it is never a setting that the
 * API lists.
 */
@ApplicationScoped
public class PodComponents {
  private static final Logger LOG = Logger.getLogger(PodComponents.class.getName());

  @Inject ServerComponents server;
  @Inject Database db;
  @Inject Settings settings;
  @Inject NodeAdmin nodeAdmin;
  @Inject Clock clock;
  @Inject Config config;
  @Inject RunPodGateway runPod;
  @Resource ManagedExecutorService executor;

  private PodProvider provider;
  private PodLifecycle lifecycle;

  public synchronized PodProvider provider() {
    if (provider == null) {
      if (runPod.configured()) {
        provider = new RunPodProvider(runPod, settings, clock);
        LOG.info("event=pod-provider runpod");
      } else {
        Optional<List<String>> launcher = WorkerLauncher.find(config);
        String port = config.getOptionalValue("http.port", String.class).orElse("8000");
        provider =
            new LocalPodProvider(
                launcher.orElse(List.of()),
                server.dataDirectory().resolve("local-workers"),
                "http://127.0.0.1:" + port);
        if (launcher.isEmpty() && settings.getInt(SettingKey.LOCAL_WORKERS) > 0) {
          LOG.warning(
              "event=local-workers unavailable: no worker jar (CAST2MD_WORKER_JAR) or compiled"
                  + " worker classes found; build with ./mvnw -pl worker -am package");
        }
        LOG.info("event=pod-provider local");
      }
    }
    return provider;
  }

  /** True when local workers can actually be launched (a worker jar or classes exist). */
  public boolean localLauncherPresent() {
    return WorkerLauncher.find(config).isPresent();
  }

  /** Also the node protocol's {@code ManagedPods}: requests to end a pod, jobs counted per pod. */
  @Produces
  public synchronized PodLifecycle lifecycle() {
    if (lifecycle == null) {
      lifecycle = new PodLifecycle(db, settings, provider(), nodeAdmin, clock, executor);
    }
    return lifecycle;
  }

  @Produces
  public PodSweep sweep() {
    return new PodSweep(
        db,
        lifecycle(),
        clock,
        new WorkerHealthProbe(settings.getInt(SettingKey.POD_WORKER_HEALTH_PORT)));
  }

  @Produces
  public Autoscaler autoscaler() {
    return new Autoscaler(db, lifecycle(), clock);
  }

  @Produces
  public ModelCatalog modelCatalog() {
    return new ModelCatalog(db, clock);
  }

  @PreDestroy
  synchronized void stop() {
    if (provider instanceof LocalPodProvider local) {
      local.stopAll();
    }
  }
}
