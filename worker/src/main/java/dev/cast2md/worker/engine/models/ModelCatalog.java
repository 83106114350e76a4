package dev.cast2md.worker.engine.models;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models this worker knows how to fetch, with their public Hugging Face files.
 *
 * <p>Checksums: none of these files could be downloaded on the machine this was written on. The
 * SHA-256 digests and sizes below were copied from several independent public projects that pin the
 * same files (they agree with each other); they are checked on download, so a wrong one fails
 * loudly, never silently. Where no digest could be found (the fp32 Parakeet encoder and its
 * external data), {@link ModelFile#sha256()} is null and the store records the digest of the first
 * download instead.
 */
public final class ModelCatalog {
  /** A revision of istupakov/parakeet-tdt-0.6b-v3-onnx whose int8 files carry the digests below. */
  static final String PARAKEET_REPO =
      "https://huggingface.co/istupakov/parakeet-tdt-0.6b-v3-onnx/resolve/"
          + "8f23f0c03c8761650bdb5b40aaf3e40d2c15f1ce/";

  /** A revision of ggerganov/whisper.cpp holding all five ggml models below. */
  static final String WHISPER_REPO =
      "https://huggingface.co/ggerganov/whisper.cpp/resolve/"
          + "5359861c739e955e79d9a303bcbc70fb988958b1/";

  public static final String DEFAULT_PARAKEET = "parakeet-tdt-0.6b-v3";
  public static final String DEFAULT_WHISPER = "large-v3-turbo";

  private static final Map<String, ModelSpec> MODELS = new LinkedHashMap<>();

  static {
    ModelFile vocab =
        parakeet(
            "vocab.txt",
            93_939,
            "d58544679ea4bc6ac563d1f545eb7d474bd6cfa467f0a6e2c1dc1c7d37e3c35d");
    ModelFile config =
        parakeet(
            "config.json", 97, "666903c76b9798caf2c210afd4f6cd60b08a8dbf9800ec8d7a3bc0d2148ac466");
    add(
        new ModelSpec(
            DEFAULT_PARAKEET,
            "parakeet",
            List.of(
                parakeet("encoder-model.onnx", -1, null),
                parakeet("encoder-model.onnx.data", -1, null),
                parakeet("decoder_joint-model.onnx", -1, null),
                vocab,
                config)));
    add(
        new ModelSpec(
            DEFAULT_PARAKEET + "-int8",
            "parakeet",
            List.of(
                parakeet(
                    "encoder-model.int8.onnx",
                    652_183_999,
                    "6139d2fa7e1b086097b277c7149725edbab89cc7c7ae64b23c741be4055aff09"),
                parakeet(
                    "decoder_joint-model.int8.onnx",
                    18_202_004,
                    "eea7483ee3d1a30375daedc8ed83e3960c91b098812127a0d99d1c8977667a70"),
                vocab,
                config)));
    whisper(
        "large-v3-turbo",
        1_624_555_275,
        "1fc70f774d38eb169993ac391eea357ef47c88757ef72ee5943879b7e8e2bc69");
    whisper(
        "large-v3",
        3_095_033_483L,
        "64d182b440b98d5203c4f9bd541544d84c605196c4f7b845dfa11fb23594d1e2");
    whisper(
        "large-v2",
        3_094_623_691L,
        "9a423fe4d40c82774b6af34115b8b935f34152246eb19e80e376071d3f999487");
    whisper(
        "medium",
        1_533_763_059,
        "6c14d5adee5f86394037b4e4e8b59f1673b6cee10e3cf0b11bbdbee79c156208");
    whisper(
        "small", 487_601_967, "1be3a9b2063867b937e64e2ec7483364a79917e157fa98c5d94b5c1fffea987b");
  }

  private ModelCatalog() {}

  public static Optional<ModelSpec> find(String id) {
    return Optional.ofNullable(id == null ? null : MODELS.get(id.toLowerCase(Locale.ROOT)));
  }

  public static List<ModelSpec> forEngine(String engine) {
    List<ModelSpec> specs = new ArrayList<>();
    for (ModelSpec spec : MODELS.values()) {
      if (spec.engine().equals(engine)) {
        specs.add(spec);
      }
    }
    return specs;
  }

  /** "a, b, c": for error messages that tell the user what they could have asked for. */
  public static String idsFor(String engine) {
    return String.join(", ", forEngine(engine).stream().map(ModelSpec::id).toList());
  }

  /**
   * Why {@code engine} cannot load {@code model}, or empty when it may: a blank model (the engine's
   * default) or, for Parakeet and Whisper, a path (checked when the engine loads it) or one of the
   * engine's own catalog ids. Sphinx runs the pocketsphinx model of {@code SPHINX_MODEL_DIR} and
   * takes only the server's name for it (anything with "sphinx" in it); the command engine hands
   * the model to its command as it is. Other engines are the factory's business.
   */
  public static Optional<String> refusal(String engine, String model) {
    if (engine == null || model == null || model.isBlank()) {
      return Optional.empty();
    }
    String name = model.strip();
    Optional<ModelSpec> spec = find(name);
    switch (engine.toLowerCase(Locale.ROOT)) {
      case "parakeet", "whisper" -> {
        String own = engine.toLowerCase(Locale.ROOT);
        if (isPath(name) || spec.map(s -> s.engine().equals(own)).orElse(false)) {
          return Optional.empty();
        }
        return Optional.of(
            spec.isPresent()
                ? "model '"
                    + name
                    + "' is a "
                    + spec.get().engine()
                    + " model; the "
                    + own
                    + " engine serves: "
                    + idsFor(own)
                : "unknown "
                    + own
                    + " model '"
                    + name
                    + "'; this engine serves: "
                    + idsFor(own)
                    + " (or a path to a model)");
      }
      case "sphinx" -> {
        if (!isPath(name) && name.toLowerCase(Locale.ROOT).contains("sphinx")) {
          return Optional.empty();
        }
        return Optional.of(
            (spec.isPresent()
                    ? "model '" + name + "' is a " + spec.get().engine() + " model"
                    : "the sphinx engine cannot load model '" + name + "'")
                + "; the sphinx engine runs the pocketsphinx model in SPHINX_MODEL_DIR (leave"
                + " WHISPER_MODEL unset, or 'sphinx')");
      }
      default -> {
        return Optional.empty();
      }
    }
  }

  /** A model named by its location rather than by a catalog id. */
  public static boolean isPath(String name) {
    return name.contains("/") || name.startsWith(".");
  }

  /** The ggml file name whisper.cpp gives a model ("ggml-small.bin"). */
  public static String whisperFile(String id) {
    return "ggml-" + id + ".bin";
  }

  private static ModelFile parakeet(String name, long size, String sha256) {
    return new ModelFile(name, URI.create(PARAKEET_REPO + name), size, sha256);
  }

  private static void whisper(String id, long size, String sha256) {
    String file = whisperFile(id);
    add(
        new ModelSpec(
            id,
            "whisper",
            List.of(new ModelFile(file, URI.create(WHISPER_REPO + file), size, sha256))));
  }

  private static void add(ModelSpec spec) {
    MODELS.put(spec.id(), spec);
  }
}
