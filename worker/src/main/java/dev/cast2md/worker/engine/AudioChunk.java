package dev.cast2md.worker.engine;

/** A piece of an episode: 16 kHz mono samples in [-1, 1] and where it starts in the episode. */
public record AudioChunk(int index, double offsetSeconds, float[] samples) {
  public static final int SAMPLE_RATE = 16_000;

  public double durationSeconds() {
    return samples.length / (double) SAMPLE_RATE;
  }
}
