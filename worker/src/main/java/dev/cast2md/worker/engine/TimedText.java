package dev.cast2md.worker.engine;

import dev.cast2md.protocol.Paragraphs;

/** A word or a phrase an engine heard, in seconds (relative to a chunk or to the episode). */
public record TimedText(double start, double end, String text) implements Paragraphs.Timed {

  public TimedText shifted(double offsetSeconds) {
    return new TimedText(start + offsetSeconds, end + offsetSeconds, text);
  }

  public double midpoint() {
    return (start + end) / 2;
  }
}
