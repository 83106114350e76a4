package dev.cast2md.worker.engine.parakeet;

/**
 * NeMo's {@code AudioToMelSpectrogramPreprocessor} as Parakeet TDT v3 configures it (onnx-asr's
 * {@code nemo128.onnx}), so that the encoder sees exactly the features it was trained on:
 * pre-emphasis 0.97, centre padding with zeros, 25 ms symmetric Hann window inside a 512-point FFT,
 * 10 ms hop, power spectrum, 128 Slaney mel bins, {@code log(x + 2^-24)}, then per-feature
 * normalisation over the valid frames (variance with n-1, {@code std + 1e-5}). No dither: inference
 * must be deterministic.
 */
public final class LogMelSpectrogram {
  public static final int SAMPLE_RATE = 16_000;
  public static final int N_FFT = 512;
  public static final int WINDOW = 400;
  public static final int HOP = 160;
  public static final int MELS = 128;
  private static final double PREEMPHASIS = 0.97;
  private static final double LOG_GUARD = Math.pow(2, -24);
  private static final double NORMALISE_EPS = 1e-5;

  private final double[] window = new double[N_FFT];
  private final SlaneyMelFilterbank filters = new SlaneyMelFilterbank(SAMPLE_RATE, N_FFT, MELS);
  private final Fft fft = new Fft(N_FFT);

  public LogMelSpectrogram() {
    // torch.hann_window(400, periodic=False), zero-padded on both sides to the FFT size
    int offset = (N_FFT - WINDOW) / 2;
    for (int n = 0; n < WINDOW; n++) {
      window[offset + n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / (WINDOW - 1));
    }
  }

  /** Frames the encoder gets for {@code samples} samples (including the padded last one). */
  public static int frames(int samples) {
    return samples / HOP + 1;
  }

  /** Thread-safe: the window, filters and FFT tables are read-only after construction. */
  MelFeatures compute(float[] samples) {
    int n = samples.length;
    int frames = frames(n);
    int valid = n / HOP;
    double[] emphasised = new double[n];
    for (int i = 0; i < n; i++) {
      emphasised[i] = i == 0 ? samples[0] : samples[i] - PREEMPHASIS * samples[i - 1];
    }
    int pad = N_FFT / 2;
    double[] logMel = new double[MELS * frames];
    double[] re = new double[N_FFT];
    double[] im = new double[N_FFT];
    double[] power = new double[N_FFT / 2 + 1];
    for (int f = 0; f < frames; f++) {
      int start = f * HOP - pad;
      for (int k = 0; k < N_FFT; k++) {
        int idx = start + k;
        re[k] = idx >= 0 && idx < n ? emphasised[idx] * window[k] : 0;
        im[k] = 0;
      }
      fft.transform(re, im);
      for (int k = 0; k < power.length; k++) {
        power[k] = re[k] * re[k] + im[k] * im[k];
      }
      for (int m = 0; m < MELS; m++) {
        double[] w = filters.weights[m];
        int first = filters.firstBin[m];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
          sum += w[k] * power[first + k];
        }
        logMel[m * frames + f] = Math.log(sum + LOG_GUARD);
      }
    }
    float[] out = new float[MELS * frames];
    if (valid >= 2) {
      for (int m = 0; m < MELS; m++) {
        int row = m * frames;
        double mean = 0;
        for (int f = 0; f < valid; f++) {
          mean += logMel[row + f];
        }
        mean /= valid;
        double variance = 0;
        for (int f = 0; f < valid; f++) {
          double d = logMel[row + f] - mean;
          variance += d * d;
        }
        double std = Math.sqrt(variance / (valid - 1)) + NORMALISE_EPS;
        for (int f = 0; f < valid; f++) {
          out[row + f] = (float) ((logMel[row + f] - mean) / std);
        }
      }
    }
    // Fewer than two valid frames has no variance (NeMo divides by zero); such a chunk is
    // silence to the encoder.
    return new MelFeatures(out, MELS, frames, valid);
  }
}
