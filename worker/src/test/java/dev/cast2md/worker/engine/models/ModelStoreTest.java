package dev.cast2md.worker.engine.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.node.Backoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
  @TempDir Path dir;

  private static ModelDownloader downloader() {
    return new ModelDownloader(
        Duration.ofSeconds(2),
        Duration.ofSeconds(2),
        new Backoff(2, Duration.ofMillis(1), Duration.ofMillis(1)),
        d -> {},
        Duration.ofSeconds(5));
  }

  @Test
  void downloadsOnceRecordsDigestsAndThenServesTheCache() throws Exception {
    byte[] data = ModelDownloaderTest.randomBytes(300_000);
    String digest = ModelDownloaderTest.sha256(data);
    try (ModelFileServer server = new ModelFileServer(data, ModelFileServer.FirstRequest.CUT)) {
      ModelSpec spec =
          new ModelSpec(
              "tiny",
              "parakeet",
              List.of(
                  new ModelFile("pinned.bin", server.uri("/model.bin"), data.length, digest),
                  new ModelFile("unpinned.bin", server.uri("/model.bin"), -1, null)));
      ModelStore store = new ModelStore(dir.resolve("cache"), null, true, downloader());
      Path model = store.ensure(spec);
      assertEquals(dir.resolve("cache").resolve("tiny"), model);
      assertArrayEquals(data, Files.readAllBytes(model.resolve("pinned.bin")));
      assertArrayEquals(data, Files.readAllBytes(model.resolve("unpinned.bin")));
      // trust on first download: the digest of what arrived is written down
      assertEquals(
          digest + "  " + data.length,
          Files.readString(model.resolve("unpinned.bin.sha256")).strip());
      int requests = server.gets.get();
      assertEquals(3, requests, "cut + resumed + one whole: " + server.ranges);
      store.ensure(spec);
      assertEquals(requests, server.gets.get(), "a second start downloads nothing");

      // a file changed after download is corrupt and comes again
      Files.write(model.resolve("unpinned.bin"), new byte[] {1}, StandardOpenOption.APPEND);
      store.ensure(spec);
      assertEquals(requests + 1, server.gets.get());
      assertArrayEquals(data, Files.readAllBytes(model.resolve("unpinned.bin")));
    }
  }

  @Test
  void offlineAMissingOrCorruptModelIsAClearError() throws Exception {
    ModelSpec spec =
        new ModelSpec(
            "tiny",
            "whisper",
            List.of(
                new ModelFile(
                    "ggml-tiny.bin",
                    java.net.URI.create("http://127.0.0.1:9/x"),
                    5,
                    "0".repeat(64))));
    ModelStore offline = new ModelStore(dir.resolve("cache"), null, false, downloader());
    EngineException missing = assertThrows(EngineException.class, () -> offline.ensure(spec));
    assertTrue(
        missing.getMessage().contains("is missing and downloads are off"), missing.getMessage());

    Files.writeString(dir.resolve("cache").resolve("tiny").resolve("ggml-tiny.bin"), "12345");
    EngineException corrupt = assertThrows(EngineException.class, () -> offline.ensure(spec));
    assertTrue(corrupt.getMessage().contains("is corrupt"), corrupt.getMessage());
    assertTrue(corrupt.getMessage().contains("SHA-256"), corrupt.getMessage());
  }

  @Test
  void aBakedModelIsUsedWithoutTheNetwork() throws Exception {
    Path baked = Files.createDirectories(dir.resolve("baked").resolve("small"));
    Files.writeString(baked.resolve("ggml-small.bin"), "weights");
    ModelSpec spec =
        new ModelSpec(
            "small",
            "whisper",
            List.of(
                new ModelFile(
                    "ggml-small.bin", java.net.URI.create("http://127.0.0.1:9/x"), 7, null)));
    ModelStore store =
        new ModelStore(dir.resolve("cache"), dir.resolve("baked"), false, downloader());
    assertEquals(baked, store.ensure(spec));
  }

  @Test
  void theCatalogKnowsEachEnginesModels() {
    assertEquals(
        List.of("parakeet-tdt-0.6b-v3", "parakeet-tdt-0.6b-v3-int8"),
        ModelCatalog.forEngine("parakeet").stream().map(ModelSpec::id).toList());
    assertEquals(
        List.of("large-v3-turbo", "large-v3", "large-v2", "medium", "small"),
        ModelCatalog.forEngine("whisper").stream().map(ModelSpec::id).toList());
    for (ModelSpec spec : ModelCatalog.forEngine("whisper")) {
      assertTrue(spec.files().get(0).pinned(), spec.id() + " has a published checksum");
    }
  }
}
