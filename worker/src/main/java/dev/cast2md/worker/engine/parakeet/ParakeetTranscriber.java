package dev.cast2md.worker.engine.parakeet;

import ai.onnxruntime.OrtEnvironment;
import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.TimedText;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.models.ModelCatalog;
import dev.cast2md.worker.engine.models.ModelStore;
import dev.cast2md.worker.logging.EventLog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * NVIDIA Parakeet TDT 0.6B v3 through ONNX Runtime: log-mel features in Java, the FastConformer
 * encoder over a batch of chunks at once (on CUDA when there is one), then the TDT greedy loop over
 * the decoder/joint for all chunks of the batch together, and words with times from the pieces.
 * Multilingual (25 European languages) with punctuation; it does not report the language.
 */
public final class ParakeetTranscriber implements Transcriber {
  /** Full attention handles well beyond this; two minutes keeps GPU memory per chunk modest. */
  private static final int DEFAULT_CHUNK_SECONDS = 120;

  private final EngineSettings settings;
  private final ParakeetSettings parakeet;
  private final ModelStore store;
  private final LogMelSpectrogram features = new LogMelSpectrogram();
  private final String modelName;
  private ParakeetOnnxModel model;
  private Vocabulary vocabulary;
  private TdtGreedyDecoder decoder;
  private ParakeetModelFiles files;

  public ParakeetTranscriber(EngineSettings settings) {
    this(settings, ModelStore.fromEnvironment(settings.environment()));
  }

  public ParakeetTranscriber(EngineSettings settings, ModelStore store) {
    this.settings = settings;
    this.parakeet = ParakeetSettings.from(settings.environment());
    this.store = store;
    this.modelName =
        settings.model() == null || settings.model().isBlank()
            ? ModelCatalog.DEFAULT_PARAKEET
            : settings.model().strip();
  }

  @Override
  public String engine() {
    return "parakeet";
  }

  @Override
  public String model() {
    return modelName;
  }

  @Override
  public synchronized void load() throws EngineException {
    if (model != null) {
      return;
    }
    Path dir;
    try {
      dir = store.locate("parakeet", settings.model(), ModelCatalog.DEFAULT_PARAKEET);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineException("interrupted while fetching the model");
    }
    long start = System.nanoTime();
    files = ParakeetModelFiles.in(dir);
    vocabulary = Vocabulary.read(files.vocabulary());
    model =
        new ParakeetOnnxModel(
            files, parakeet.device(), parakeet.decoderDevice(), parakeet.threads());
    int outputs = model.jointOutputs();
    int durations = outputs > 0 ? outputs - vocabulary.size() : 5;
    if (durations < 1) {
      model.close();
      model = null;
      throw new EngineException(
          "decoder/joint gives "
              + outputs
              + " logits but vocab.txt has "
              + vocabulary.size()
              + " pieces: vocabulary and model do not belong together");
    }
    int[] skips = new int[durations];
    Arrays.setAll(skips, i -> i);
    decoder = new TdtGreedyDecoder(vocabulary.blank(), skips, files.maxTokensPerStep());
    EventLog.info(
        "parakeet %s loaded from %s in %d ms: %s, batch %d",
        modelName, dir, (System.nanoTime() - start) / 1_000_000, device(), batchSize());
  }

  @Override
  public List<ChunkTranscript> transcribe(List<AudioChunk> batch)
      throws EngineException, InterruptedException {
    if (model == null) {
      load();
    }
    ChunkTranscript[] answers = new ChunkTranscript[batch.size()];
    // Similar lengths in one encoder call: less padding.
    Integer[] order = new Integer[batch.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> -batch.get(i).samples().length));
    int group = batchSize();
    for (int first = 0; first < order.length; first += group) {
      List<Integer> members =
          Arrays.asList(order).subList(first, Math.min(order.length, first + group));
      List<Integer> audible = new ArrayList<>();
      List<MelFeatures> mels = new ArrayList<>();
      for (int i : members) {
        AudioChunk chunk = batch.get(i);
        // Under two hops there is nothing to normalise or hear.
        if (chunk.samples().length < 2 * LogMelSpectrogram.HOP) {
          answers[i] = new ChunkTranscript(chunk.index(), List.of(), null);
          continue;
        }
        audible.add(i);
        mels.add(features.compute(chunk.samples()));
      }
      if (audible.isEmpty()) {
        continue;
      }
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("transcription stopped");
      }
      EncodedBatch encoded = model.encode(mels);
      List<List<EmittedToken>> tokens = decoder.decode(encoded.lengths(), model.joint(encoded));
      for (int k = 0; k < audible.size(); k++) {
        AudioChunk chunk = batch.get(audible.get(k));
        List<TimedText> words =
            WordTimestamps.words(
                tokens.get(k), vocabulary, files.frameSeconds(), chunk.durationSeconds());
        answers[audible.get(k)] = new ChunkTranscript(chunk.index(), words, null);
      }
    }
    return List.of(answers);
  }

  @Override
  public String device() {
    if (model == null) {
      return "not loaded";
    }
    String where = model.encoderDevice();
    String ort = "onnxruntime " + OrtEnvironment.getEnvironment().getVersion();
    if (!model.decoderDevice().equals(where)) {
      return where + " (" + ort + "; decoder/joint on " + model.decoderDevice() + ")";
    }
    return where + " (" + ort + ")";
  }

  @Override
  public int maxChunkSeconds() {
    return settings.maxChunkSeconds() > 0 ? settings.maxChunkSeconds() : DEFAULT_CHUNK_SECONDS;
  }

  @Override
  public int batchSize() {
    if (parakeet.batch() > 0) {
      return parakeet.batch();
    }
    return model != null && model.encoderDevice().startsWith("cuda") ? 8 : 1;
  }

  /** Chunks are independent: the encoder pads them to the longest, whichever episode they are. */
  @Override
  public boolean batchesAcrossEpisodes() {
    return true;
  }

  @Override
  public synchronized void close() {
    if (model != null) {
      model.close();
      model = null;
    }
  }
}
