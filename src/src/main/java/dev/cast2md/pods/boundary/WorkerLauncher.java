package dev.cast2md.pods.boundary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;

/**
 * How to run the worker on this machine: its jar, or, in a source tree that {@code liberty:run}
 * compiled but did not package, its classes with the libraries the build copied next to the server.
 */
final class WorkerLauncher {
  private WorkerLauncher() {}

  static Optional<List<String>> find(Config config) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Optional<Path> jar =
        config
            .getOptionalValue("CAST2MD_WORKER_JAR", String.class)
            .or(() -> config.getOptionalValue("cast2md.worker.jar", String.class))
            .map(Path::of)
            .filter(Files::isRegularFile);
    if (jar.isPresent()) {
      return Optional.of(List.of(java, "-jar", jar.get().toAbsolutePath().toString()));
    }
    Optional<String> classpath = config.getOptionalValue("cast2md.worker.classpath", String.class);
    if (classpath.isPresent()
        && Files.isDirectory(Path.of(classpath.get().split(":")[0], "dev/cast2md/worker"))) {
      return Optional.of(
          List.of(java, "-cp", classpath.get(), "dev.cast2md.worker.cli.WorkerMain"));
    }
    return Optional.empty();
  }
}
