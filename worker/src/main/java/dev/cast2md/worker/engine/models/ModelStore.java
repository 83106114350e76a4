package dev.cast2md.worker.engine.models;

import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.logging.EventLog;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * Where models live and how a missing one arrives. A model is a directory named after its id that
 * holds its files. Looked up first in the baked directory (read-only, part of a pod image, for
 * offline pods), then in the cache directory, where a missing file is downloaded when downloads are
 * allowed.
 *
 * <p>Each cached file has a {@code name.sha256} record written after a verified download: the
 * digest and the size. A later start compares the size (cheap) and recomputes nothing; a file
 * without a record (copied in by hand) is hashed once and checked against the catalog's digest. A
 * file that fails either check is corrupt: it is downloaded again, or, offline, a clear error.
 */
public final class ModelStore {
  private final Path cacheDir;
  private final Path bakedDir;
  private final boolean downloadAllowed;
  private final ModelDownloader downloader;

  public ModelStore(
      Path cacheDir, Path bakedDir, boolean downloadAllowed, ModelDownloader downloader) {
    this.cacheDir = cacheDir;
    this.bakedDir = bakedDir;
    this.downloadAllowed = downloadAllowed;
    this.downloader = downloader;
  }

  /**
   * {@code NODE_MODEL_CACHE}, {@code NODE_MODEL_BAKED_DIR}, {@code NODE_MODEL_DOWNLOAD}, {@code
   * HF_TOKEN}.
   */
  public static ModelStore fromEnvironment(Map<String, String> env) {
    String cache = env.get("NODE_MODEL_CACHE");
    Path cacheDir =
        cache == null || cache.isBlank()
            ? Path.of(System.getProperty("user.home"), ".cast2md", "models")
            : Path.of(cache.strip());
    String baked = env.get("NODE_MODEL_BAKED_DIR");
    String download = env.getOrDefault("NODE_MODEL_DOWNLOAD", "1").strip();
    return new ModelStore(
        cacheDir,
        baked == null || baked.isBlank() ? null : Path.of(baked.strip()),
        !download.equals("0") && !download.equalsIgnoreCase("false"),
        ModelDownloader.withDefaults(env.get("HF_TOKEN")));
  }

  public Path cacheDir() {
    return cacheDir;
  }

  /**
   * Where the model named {@code requested} for {@code engine} lies: a path to a model the operator
   * provides (a directory for Parakeet, a file for Whisper), or a catalog id fetched through the
   * store; null or blank means {@code defaultId}. A model of another engine or an unknown name is a
   * clear error naming the models this engine serves.
   */
  public Path locate(String engine, String requested, String defaultId)
      throws EngineException, InterruptedException {
    String name = requested == null || requested.isBlank() ? defaultId : requested.strip();
    Optional<String> refusal = ModelCatalog.refusal(engine, name);
    if (refusal.isPresent()) {
      throw new EngineException(refusal.get());
    }
    if (ModelCatalog.isPath(name)) {
      Path path = Path.of(name);
      if (!Files.exists(path)) {
        throw new EngineException("model path " + path + " does not exist");
      }
      return path;
    }
    ModelSpec spec =
        ModelCatalog.find(name).orElseThrow(() -> new EngineException("unknown model " + name));
    return ensure(spec);
  }

  /** The directory holding every file of {@code spec}, downloading what is missing. */
  public Path ensure(ModelSpec spec) throws EngineException, InterruptedException {
    if (bakedDir != null) {
      Path baked = bakedDir.resolve(spec.id());
      if (spec.files().stream().allMatch(f -> Files.isRegularFile(baked.resolve(f.name())))) {
        for (ModelFile file : spec.files()) {
          checkSize(baked.resolve(file.name()), file.size());
        }
        EventLog.info("model %s: using the baked copy in %s", spec.id(), baked);
        return baked;
      }
    }
    Path dir = cacheDir.resolve(spec.id());
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new EngineException("cannot create the model cache " + dir + ": " + e.getMessage(), e);
    }
    // Two workers on one machine share the cache: one downloads, the other waits for it.
    try (FileChannel lockFile =
            FileChannel.open(
                dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      for (ModelFile file : spec.files()) {
        ensureFile(spec, file, dir);
      }
    } catch (IOException e) {
      throw new EngineException("model " + spec.id() + ": " + e.getMessage(), e);
    }
    return dir;
  }

  private void ensureFile(ModelSpec spec, ModelFile file, Path dir)
      throws IOException, EngineException, InterruptedException {
    Path target = dir.resolve(file.name());
    Path record = dir.resolve(file.name() + ".sha256");
    if (Files.isRegularFile(target)) {
      String problem = problemWith(file, target, record);
      if (problem == null) {
        return;
      }
      EventLog.warn("model %s: %s is corrupt (%s)", spec.id(), target, problem);
      if (!downloadAllowed) {
        throw new EngineException(
            "model "
                + spec.id()
                + ": "
                + target
                + " is corrupt ("
                + problem
                + ") and"
                + " downloads are off (NODE_MODEL_DOWNLOAD=0); replace the file");
      }
      Files.delete(target);
      Files.deleteIfExists(record);
    } else if (!downloadAllowed) {
      throw new EngineException(
          "model "
              + spec.id()
              + ": "
              + target
              + " is missing and downloads are off (NODE_MODEL_DOWNLOAD=0); put the model in "
              + dir
              + (bakedDir == null ? "" : " or " + bakedDir.resolve(spec.id())));
    }
    EventLog.info(
        "model %s: downloading %s from %s%s",
        spec.id(),
        file.name(),
        file.url(),
        file.pinned() ? "" : " (no published checksum: recording the first download's)");
    String digest = downloader.download(file, target);
    Files.writeString(record, digest + "  " + Files.size(target) + "\n", StandardCharsets.US_ASCII);
  }

  /** Null when the file is sound; otherwise what is wrong with it. */
  private static String problemWith(ModelFile file, Path target, Path record) throws IOException {
    long size = Files.size(target);
    if (file.size() >= 0 && size != file.size()) {
      return size + " bytes, expected " + file.size();
    }
    if (Files.isRegularFile(record)) {
      String[] fields = Files.readString(record, StandardCharsets.US_ASCII).strip().split("\\s+");
      if (fields.length < 2 || Long.parseLong(fields[1]) != size) {
        return size + " bytes, the download recorded " + (fields.length < 2 ? "?" : fields[1]);
      }
      if (file.sha256() != null && !file.sha256().equalsIgnoreCase(fields[0])) {
        return "recorded SHA-256 " + fields[0] + " is not the catalog's " + file.sha256();
      }
      return null;
    }
    String digest = ModelDownloader.sha256(target);
    if (file.sha256() != null && !file.sha256().equalsIgnoreCase(digest)) {
      return "SHA-256 " + digest + ", expected " + file.sha256();
    }
    Files.writeString(record, digest + "  " + size + "\n", StandardCharsets.US_ASCII);
    return null;
  }

  private static void checkSize(Path path, long expected) throws EngineException {
    try {
      long size = Files.size(path);
      if (expected >= 0 && size != expected) {
        throw new EngineException(
            "baked model file " + path + " has " + size + " bytes, expected " + expected);
      }
    } catch (IOException e) {
      throw new EngineException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
