package dev.cast2md.worker.engine.parakeet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.cast2md.worker.engine.TinyModels;
import dev.cast2md.worker.logging.EventLog;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java features against the NeMo preprocessor as an ONNX graph ({@code nemo128.onnx} written op
 * by op by make_tiny_parakeet.py: STFT, Slaney filters, log, normalisation) run by ONNX Runtime.
 */
class LogMelSpectrogramTest {
  @TempDir Path dir;

  private static float[][] onnxFeatures(float[] samples, int validSamples) throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session =
            env.createSession(
                TinyModels.parakeet().resolve("nemo128.onnx").toString(),
                new OrtSession.SessionOptions());
        OnnxTensor wave =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(samples), new long[] {1, samples.length});
        OnnxTensor lens =
            OnnxTensor.createTensor(
                env, LongBuffer.wrap(new long[] {validSamples}), new long[] {1});
        OrtSession.Result result = session.run(Map.of("waveforms", wave, "waveforms_lens", lens))) {
      OnnxTensor features = (OnnxTensor) result.get("features").orElseThrow();
      long[] shape = features.getInfo().getShape();
      FloatBuffer values = features.getFloatBuffer();
      float[][] out = new float[(int) shape[1]][(int) shape[2]];
      for (float[] row : out) {
        values.get(row);
      }
      long valid = ((OnnxTensor) result.get("features_lens").orElseThrow()).getLongBuffer().get(0);
      assertEquals(validSamples / LogMelSpectrogram.HOP, valid);
      return out;
    }
  }

  private static double maxDifference(MelFeatures java, float[][] onnx, int frames) {
    double max = 0;
    for (int m = 0; m < LogMelSpectrogram.MELS; m++) {
      for (int f = 0; f < frames; f++) {
        max = Math.max(max, Math.abs(java.get(m, f) - onnx[m][f]));
      }
    }
    return max;
  }

  @Test
  void javaFeaturesMatchThePreprocessorOnRealSpeech() throws Exception {
    float[] jfk = TinyModels.jfk(dir);
    long start = System.nanoTime();
    MelFeatures java = new LogMelSpectrogram().compute(jfk);
    double ms = (System.nanoTime() - start) / 1e6;
    float[][] onnx = onnxFeatures(jfk, jfk.length);
    assertEquals(LogMelSpectrogram.MELS, onnx.length);
    assertEquals(onnx[0].length, java.frames(), "frames = samples / 160 + 1");
    assertEquals(jfk.length / 160, java.validFrames());
    double max = maxDifference(java, onnx, java.frames());
    EventLog.info(
        "log-mel of %.1f s: %d frames in %.1f ms, max |java - onnx| = %.2e",
        jfk.length / 16000.0, java.frames(), ms, max);
    assertTrue(max < 1e-3, "max |diff| " + max);
  }

  @Test
  void framesBeyondTheValidLengthAreZeroAndTheRestNormalised() throws Exception {
    float[] noise = new float[16000 + 123];
    Random random = new Random(3);
    for (int i = 0; i < noise.length; i++) {
      noise[i] = (float) (0.1 * random.nextGaussian() * Math.sin(i / 500.0));
    }
    MelFeatures features = new LogMelSpectrogram().compute(noise);
    assertEquals(noise.length / 160 + 1, features.frames());
    for (int m = 0; m < LogMelSpectrogram.MELS; m++) {
      assertEquals(0f, features.get(m, features.frames() - 1), "padded frame of mel " + m);
      double sum = 0;
      double squares = 0;
      int n = features.validFrames();
      for (int f = 0; f < n; f++) {
        sum += features.get(m, f);
        squares += features.get(m, f) * features.get(m, f);
      }
      assertEquals(0, sum / n, 1e-4, "mean of mel " + m);
      assertEquals(1, Math.sqrt(squares / (n - 1)), 1e-3, "std of mel " + m);
    }
    // and the same against the graph, where the row is longer than its valid length: what lies
    // past the length must not leak into the features
    float[] padded = Arrays.copyOf(noise, noise.length + 4000);
    Arrays.fill(padded, noise.length, padded.length, 0.9f);
    float[][] onnx = onnxFeatures(padded, noise.length);
    assertTrue(maxDifference(features, onnx, features.validFrames()) < 1e-3);
  }

  @Test
  void silenceGivesZeros() {
    // a constant log-mel has no variance: (x - mean) / (0 + 1e-5) leaves only rounding
    MelFeatures features = new LogMelSpectrogram().compute(new float[16000]);
    for (float v : features.values()) {
      assertEquals(0f, v, 1e-6);
    }
  }
}
