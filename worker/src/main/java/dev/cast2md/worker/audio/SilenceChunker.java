package dev.cast2md.worker.audio;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts long audio into chunks no longer than the engine takes, at the quietest moment of the second
 * half of each window, so that cuts fall between words rather than through them. Chunks overlap by
 * a margin on both sides; {@link TranscriptMerger} removes what is heard twice.
 */
public final class SilenceChunker {
  /** 10 ms frames: fine enough to find the gap between two words. */
  public static final int FRAME_SAMPLES = DecodedAudio.SAMPLE_RATE / 100;

  /** 300 ms of smoothing: a pause between words, not the dip inside a plosive. */
  private static final int SMOOTHING_FRAMES = 30;

  private final double maxChunkSeconds;
  private final double overlapSeconds;

  public SilenceChunker(double maxChunkSeconds, double overlapSeconds) {
    if (maxChunkSeconds <= 2 * overlapSeconds) {
      throw new IllegalArgumentException("chunks must be longer than twice the overlap");
    }
    this.maxChunkSeconds = maxChunkSeconds;
    this.overlapSeconds = overlapSeconds;
  }

  public List<ChunkSpan> plan(DecodedAudio audio) throws java.io.IOException {
    return plan(audio.frameEnergies(FRAME_SAMPLES), audio.sampleCount());
  }

  /** Plans chunks from per-frame energies ({@link #FRAME_SAMPLES} samples each). */
  public List<ChunkSpan> plan(float[] frameEnergies, long totalSamples) {
    int maxFrames = (int) Math.round(maxChunkSeconds * 100);
    int totalFrames = (int) Math.ceil(totalSamples / (double) FRAME_SAMPLES);
    double[] smooth = smooth(frameEnergies);
    List<Long> cuts = new ArrayList<>();
    cuts.add(0L);
    int start = 0;
    while (totalFrames - start > maxFrames) {
      int from = start + maxFrames / 2;
      int to = Math.min(start + maxFrames, frameEnergies.length);
      int cut = quietest(smooth, from, to);
      cuts.add((long) cut * FRAME_SAMPLES);
      start = cut;
    }
    cuts.add(totalSamples);
    long overlap = Math.round(overlapSeconds * DecodedAudio.SAMPLE_RATE);
    List<ChunkSpan> spans = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.size(); i++) {
      long ownStart = cuts.get(i);
      long ownEnd = cuts.get(i + 1);
      spans.add(
          new ChunkSpan(
              i,
              Math.max(0, ownStart - overlap),
              Math.min(totalSamples, ownEnd + overlap),
              ownStart,
              ownEnd));
    }
    return spans;
  }

  /** The frame with the least smoothed energy in [from, to); the later one wins a tie. */
  private static int quietest(double[] smooth, int from, int to) {
    if (from >= to) {
      return Math.max(from, 1);
    }
    int best = from;
    for (int f = from; f < to; f++) {
      if (smooth[f] <= smooth[best]) {
        best = f;
      }
    }
    return best;
  }

  private static double[] smooth(float[] energies) {
    double[] prefix = new double[energies.length + 1];
    for (int i = 0; i < energies.length; i++) {
      prefix[i + 1] = prefix[i] + energies[i];
    }
    double[] smooth = new double[energies.length];
    int half = SMOOTHING_FRAMES / 2;
    for (int i = 0; i < energies.length; i++) {
      int lo = Math.max(0, i - half);
      int hi = Math.min(energies.length, i + half + 1);
      smooth[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
    }
    return smooth;
  }
}
