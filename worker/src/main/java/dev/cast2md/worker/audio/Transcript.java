package dev.cast2md.worker.audio;

import dev.cast2md.protocol.Segment;
import java.util.List;

/** The finished text of an episode: Markdown for the reader, timed segments for SRT/VTT/JSON. */
public record Transcript(String markdown, List<Segment> segments, String language) {

  public boolean isEmpty() {
    return segments.isEmpty();
  }
}
