package dev.cast2md.feeds.control;

import dev.cast2md.feeds.entity.TranscriptLink;
import dev.cast2md.transcripts.entity.TranscriptFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of an episode's {@code <podcast:transcript>} tags to fetch: the best format (VTT, SRT,
 * JSON, text, HTML, judged by type, else by URL extension); among equals, the first in the feed.
 */
public final class TranscriptChoice {
  private TranscriptChoice() {}

  public static Optional<TranscriptLink> preferred(List<TranscriptLink> links) {
    return links.stream().min(Comparator.comparing(TranscriptChoice::format));
  }

  public static TranscriptFormat format(TranscriptLink link) {
    return TranscriptFormat.detect(link.type(), link.url());
  }
}
