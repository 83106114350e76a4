package dev.cast2md.worker.engine.parakeet;

/**
 * The mel filters NeMo takes from librosa ({@code librosa.filters.mel(htk=False, norm="slaney")}):
 * triangles on the Slaney mel scale (linear below 1 kHz, logarithmic above), each scaled to unit
 * area. Stored sparsely: a filter touches only a few FFT bins.
 */
final class SlaneyMelFilterbank {
  private static final double F_SP = 200.0 / 3;
  private static final double MIN_LOG_HZ = 1000.0;
  private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
  private static final double LOG_STEP = Math.log(6.4) / 27.0;

  final int[] firstBin;
  final double[][] weights;

  SlaneyMelFilterbank(int sampleRate, int nFft, int nMels) {
    int bins = nFft / 2 + 1;
    double[] fftFreqs = new double[bins];
    for (int i = 0; i < bins; i++) {
      fftFreqs[i] = i * (sampleRate / 2.0) / (bins - 1);
    }
    double maxMel = hzToMel(sampleRate / 2.0);
    double[] melF = new double[nMels + 2];
    for (int i = 0; i < nMels + 2; i++) {
      melF[i] = melToHz(maxMel * i / (nMels + 1));
    }
    firstBin = new int[nMels];
    weights = new double[nMels][];
    for (int m = 0; m < nMels; m++) {
      double enorm = 2.0 / (melF[m + 2] - melF[m]);
      double[] dense = new double[bins];
      int first = -1;
      int last = -1;
      for (int k = 0; k < bins; k++) {
        double lower = (fftFreqs[k] - melF[m]) / (melF[m + 1] - melF[m]);
        double upper = (melF[m + 2] - fftFreqs[k]) / (melF[m + 2] - melF[m + 1]);
        double w = Math.max(0, Math.min(lower, upper)) * enorm;
        dense[k] = w;
        if (w > 0) {
          if (first < 0) {
            first = k;
          }
          last = k;
        }
      }
      if (first < 0) {
        first = 0;
        last = -1;
      }
      firstBin[m] = first;
      weights[m] = java.util.Arrays.copyOfRange(dense, first, last + 1);
    }
  }

  static double hzToMel(double hz) {
    return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
  }

  static double melToHz(double mel) {
    return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
  }
}
