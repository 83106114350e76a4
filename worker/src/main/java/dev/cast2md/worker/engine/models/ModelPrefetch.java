package dev.cast2md.worker.engine.models;

import dev.cast2md.worker.engine.EngineException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Downloads catalog models ahead of time, for baking them into a pod image (then point {@code
 * NODE_MODEL_BAKED_DIR} at the same directory and set {@code NODE_MODEL_DOWNLOAD=0}):
 *
 * <pre>
 * java -cp cast2md-worker.jar dev.cast2md.worker.engine.models.ModelPrefetch /models \
 *     parakeet-tdt-0.6b-v3 large-v3-turbo
 * </pre>
 */
public final class ModelPrefetch {
  private ModelPrefetch() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length < 2) {
      System.err.println("usage: ModelPrefetch DIR MODEL_ID...");
      System.err.println("parakeet: " + ModelCatalog.idsFor("parakeet"));
      System.err.println("whisper: " + ModelCatalog.idsFor("whisper"));
      System.exit(2);
    }
    ModelStore store =
        ModelStore.fromEnvironment(Map.of("NODE_MODEL_CACHE", Path.of(args[0]).toString()));
    int failed = 0;
    for (int i = 1; i < args.length; i++) {
      String id = args[i];
      try {
        ModelSpec spec =
            ModelCatalog.find(id).orElseThrow(() -> new EngineException("unknown model " + id));
        System.out.println(store.ensure(spec));
      } catch (EngineException e) {
        System.err.println(id + ": " + e.getMessage());
        failed++;
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }
}
