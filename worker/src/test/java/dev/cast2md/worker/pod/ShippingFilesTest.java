package dev.cast2md.worker.pod;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.engine.models.ModelCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What can be checked of the images without a container engine: the files agree with each other and
 * with the code (start command, image names, model ids, the CLI's variables).
 */
class ShippingFilesTest {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @Test
  void theWorkerImageCarriesTheStartCommandTheServerTemplateRuns() throws IOException {
    String dockerfile = read("docker/worker-cuda.Dockerfile");
    String provider = read("src/src/main/java/dev/cast2md/pods/control/RunPodProvider.java");
    assertTrue(provider.contains("\"/opt/cast2md/pod-start.sh\""), "template start command");
    assertTrue(dockerfile.contains("COPY docker/pod-start.sh /opt/cast2md/pod-start.sh"));
    assertTrue(dockerfile.contains("CMD [\"/opt/cast2md/pod-start.sh\"]"));
    assertTrue(dockerfile.contains("/opt/cast2md/cast2md-worker.jar"), "the script's jar path");
    assertTrue(read("docker/pod-start.sh").contains("/opt/cast2md/cast2md-worker.jar"));
    assertTrue(dockerfile.contains("-Pcuda"), "ONNX Runtime with CUDA");
  }

  @Test
  void theBakedModelsAreCatalogModelsAndThePrefetcherExists() throws IOException {
    String dockerfile = read("docker/worker-cuda.Dockerfile");
    Matcher m = Pattern.compile("ARG MODELS=\"([^\"]+)\"").matcher(dockerfile);
    assertTrue(m.find(), "ARG MODELS");
    for (String id : m.group(1).split("\\s+")) {
      assertTrue(ModelCatalog.find(id).isPresent(), "unknown model " + id);
    }
    assertTrue(dockerfile.contains(dev.cast2md.worker.engine.models.ModelPrefetch.class.getName()));
  }

  @Test
  void theDefaultImageNameIsWhatCiPushes() throws IOException {
    String settings = read("src/src/main/java/dev/cast2md/settings/control/SettingKey.java");
    Matcher m = Pattern.compile("RUNPOD_IMAGE_NAME\\([^\"]*\"([^\"]+)\"").matcher(settings);
    assertTrue(m.find(), "RUNPOD_IMAGE_NAME default");
    String image = m.group(1); // ghcr.io/<owner>/cast2md-worker:cuda12
    String name = image.substring(image.lastIndexOf('/') + 1, image.indexOf(':'));
    String tag = image.substring(image.indexOf(':') + 1);
    String ci = read(".github/workflows/images.yml");
    assertTrue(ci.contains("name: " + name) && ci.contains("tag: " + tag), ci);
    assertTrue(read("docker/compose.yaml").contains(image));
  }

  @Test
  void composeBuildsTheServerImageWithPostgres() throws IOException {
    String compose = read("docker/compose.yaml");
    assertTrue(compose.contains("dockerfile: docker/server.Dockerfile"));
    assertTrue(compose.contains("org.postgresql.ds.PGSimpleDataSource"));
    assertTrue(compose.contains("condition: service_healthy"));
    String dockerfile = read("docker/server.Dockerfile");
    assertTrue(
        dockerfile.contains("VOLUME /data") && dockerfile.contains("CAST2MD_DATA_DIR=/data"));
    assertTrue(Files.exists(ROOT.resolve("liberty/server.xml")), "liberty/ configuration");
  }

  @Test
  void theAfterburnerExampleDocumentsEveryVariableTheCliReads() throws IOException {
    String example = read("docker/afterburner.env.example");
    String config =
        read("worker/src/main/java/dev/cast2md/worker/afterburner/AfterburnerConfig.java")
            + read("worker/src/main/java/dev/cast2md/worker/afterburner/DirectConfig.java");
    Matcher m =
        Pattern.compile("(?:value|seconds|number)\\(\\s*env,\\s*\"([A-Z][A-Z0-9_]+)\"")
            .matcher(config);
    int n = 0;
    while (m.find()) {
      assertTrue(example.contains(m.group(1) + "="), m.group(1) + " not in the example");
      n++;
    }
    assertTrue(n >= 20, "variables found: " + n);
  }

  private static String read(String path) throws IOException {
    return Files.readString(ROOT.resolve(path));
  }
}
