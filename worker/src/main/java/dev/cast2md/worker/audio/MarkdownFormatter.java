package dev.cast2md.worker.audio;

import dev.cast2md.protocol.Paragraphs;
import dev.cast2md.protocol.Segment;
import dev.cast2md.worker.engine.TimedText;
import java.util.ArrayList;
import java.util.List;

/**
 * cast2md's transcript Markdown: an optional language line, then one paragraph per phrase led by
 * its start time, {@code **[MM:SS]**} or {@code **[H:MM:SS]**} from the first hour on (truncated to
 * whole seconds, as the server's parser and the original expect).
 */
public final class MarkdownFormatter {
  private MarkdownFormatter() {}

  public static Transcript format(List<TimedText> mergedItems, String language) {
    List<TimedText> phrases =
        Paragraphs.group(
            mergedItems, (start, end, speaker, text) -> new TimedText(start, end, text));
    StringBuilder markdown = new StringBuilder();
    if (language != null && !language.isBlank()) {
      markdown.append("*Language: ").append(language).append("*\n\n");
    }
    List<Segment> segments = new ArrayList<>();
    for (TimedText phrase : phrases) {
      markdown
          .append("**[")
          .append(timestamp(phrase.start()))
          .append("]** ")
          .append(phrase.text())
          .append("\n\n");
      segments.add(new Segment(round(phrase.start()), round(phrase.end()), phrase.text()));
    }
    return new Transcript(markdown.toString().strip() + "\n", segments, language);
  }

  public static String timestamp(double seconds) {
    long total = (long) Math.floor(Math.max(0, seconds));
    long hours = total / 3600;
    long minutes = (total % 3600) / 60;
    long secs = total % 60;
    return hours > 0
        ? String.format("%d:%02d:%02d", hours, minutes, secs)
        : String.format("%02d:%02d", minutes, secs);
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
