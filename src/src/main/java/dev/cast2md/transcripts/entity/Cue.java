package dev.cast2md.transcripts.entity;

import dev.cast2md.protocol.Paragraphs;
import dev.cast2md.protocol.Segment;

/**
 * One caption of a publisher transcript: times in seconds, plain text (tags stripped, entities
 * decoded) and the speaker when the format names one. The speaker only steers paragraph breaks.
 */
public record Cue(double start, double end, String speaker, String text)
    implements Paragraphs.Timed {

  public Segment toSegment() {
    return new Segment(start, end, text);
  }

  public static Cue of(Segment s) {
    double start = s.start() == null ? 0 : s.start();
    return new Cue(start, s.end() == null ? start : s.end(), null, s.text());
  }
}
