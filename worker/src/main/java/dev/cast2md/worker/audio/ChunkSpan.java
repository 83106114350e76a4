package dev.cast2md.worker.audio;

/**
 * One chunk of an episode, in samples. The engine hears [{@code start}, {@code end}), which
 * overlaps the neighbours so that a word cut at a join is heard whole at least once; the chunk owns
 * only [{@code ownStart}, {@code ownEnd}) when the pieces are merged back.
 */
public record ChunkSpan(int index, long start, long end, long ownStart, long ownEnd) {

  public double offsetSeconds() {
    return start / (double) DecodedAudio.SAMPLE_RATE;
  }

  public double ownStartSeconds() {
    return ownStart / (double) DecodedAudio.SAMPLE_RATE;
  }

  public double ownEndSeconds() {
    return ownEnd / (double) DecodedAudio.SAMPLE_RATE;
  }
}
