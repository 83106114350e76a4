package dev.cast2md.worker.engine.parakeet;

import dev.cast2md.worker.engine.EngineException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The onnx-asr export of Parakeet TDT in one directory: {@code encoder-model.onnx} (its weights in
 * {@code encoder-model.onnx.data} beside it, which ONNX Runtime finds itself) or the int8 {@code
 * encoder-model.int8.onnx}, the matching {@code decoder_joint-model}, {@code vocab.txt} and,
 * optionally, {@code config.json}.
 */
record ParakeetModelFiles(
    Path dir,
    Path encoder,
    Path decoderJoint,
    Path vocabulary,
    int subsampling,
    int maxTokensPerStep) {

  static ParakeetModelFiles in(Path dir) throws EngineException {
    Path encoder = first(dir, "encoder-model.onnx", "encoder-model.int8.onnx");
    Path decoder = first(dir, "decoder_joint-model.onnx", "decoder_joint-model.int8.onnx");
    Path vocab = dir.resolve("vocab.txt");
    if (encoder == null || decoder == null || !Files.isRegularFile(vocab)) {
      throw new EngineException(
          dir
              + " is not a Parakeet TDT ONNX model: it needs encoder-model[.int8].onnx,"
              + " decoder_joint-model[.int8].onnx and vocab.txt");
    }
    int subsampling = 8;
    int maxTokens = 10;
    Path config = dir.resolve("config.json");
    if (Files.isRegularFile(config)) {
      try (Reader reader = Files.newBufferedReader(config);
          JsonReader json = Json.createReader(reader)) {
        JsonObject object = json.readObject();
        int features = object.getInt("features_size", LogMelSpectrogram.MELS);
        if (features != LogMelSpectrogram.MELS) {
          throw new EngineException(
              config + " wants " + features + " mel features; this engine computes 128");
        }
        subsampling = object.getInt("subsampling_factor", subsampling);
        maxTokens = object.getInt("max_tokens_per_step", maxTokens);
      } catch (IOException | RuntimeException e) {
        throw new EngineException("cannot read " + config + ": " + e.getMessage(), e);
      }
    }
    return new ParakeetModelFiles(dir, encoder, decoder, vocab, subsampling, maxTokens);
  }

  /** Seconds per encoder frame: the 10 ms hop times the encoder's subsampling (80 ms). */
  double frameSeconds() {
    return LogMelSpectrogram.HOP * subsampling / (double) LogMelSpectrogram.SAMPLE_RATE;
  }

  private static Path first(Path dir, String... names) {
    for (String name : names) {
      if (Files.isRegularFile(dir.resolve(name))) {
        return dir.resolve(name);
      }
    }
    return null;
  }
}
