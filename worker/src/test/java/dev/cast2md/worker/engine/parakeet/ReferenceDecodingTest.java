package dev.cast2md.worker.engine.parakeet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cast2md.worker.engine.TinyModels;
import dev.cast2md.worker.logging.EventLog;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java path (features, encoder through ONNX Runtime, the [B, D, T] frame layout, the
 * decoder/joint with its states, the TDT loop) against a second implementation of the same maths in
 * numpy, written by make_tiny_parakeet.py: both must emit the same tokens at the same frames.
 */
class ReferenceDecodingTest {
  @TempDir Path dir;

  @Test
  void javaDecodesJfkToTheSameTokensAsTheNumpyReference() throws Exception {
    Path model = TinyModels.parakeet();
    Path reference = model.resolve("reference-tokens.json");
    assumeTrue(Files.isRegularFile(reference), "no reference: shared/testdata/jfk.wav is missing");
    List<EmittedToken> expected = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(reference);
        JsonReader json = Json.createReader(reader)) {
      for (JsonArray t : json.readArray().getValuesAs(JsonArray.class)) {
        expected.add(new EmittedToken(t.getInt(0), t.getInt(1), t.getInt(2)));
      }
    }
    ParakeetModelFiles files = ParakeetModelFiles.in(model);
    Vocabulary vocabulary = Vocabulary.read(files.vocabulary());
    DeviceRequest cpu = DeviceRequest.parse("cpu");
    try (ParakeetOnnxModel onnx = new ParakeetOnnxModel(files, cpu, cpu, 1)) {
      MelFeatures features = new LogMelSpectrogram().compute(TinyModels.jfk(dir));
      EncodedBatch encoded = onnx.encode(List.of(features));
      List<EmittedToken> actual =
          new TdtGreedyDecoder(vocabulary.blank(), new int[] {0, 1, 2, 3, 4}, 10)
              .decode(encoded.lengths(), onnx.joint(encoded))
              .get(0);
      EventLog.info("java %d tokens, numpy reference %d tokens", actual.size(), expected.size());
      assertEquals(expected, actual);
    }
  }
}
