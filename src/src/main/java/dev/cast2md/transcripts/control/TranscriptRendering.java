package dev.cast2md.transcripts.control;

import dev.cast2md.protocol.Segment;
import dev.cast2md.transcripts.entity.Cue;
import dev.cast2md.transcripts.entity.Transcript;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A stored transcript in the format a user downloads ({@code md|txt|srt|vtt|json}). Timings come
 * from the stored segments when there are any (exact), else from the Markdown's paragraph stamps.
 */
public final class TranscriptRendering {
  private TranscriptRendering() {}

  /** The body, its media type and the file extension to name it with. */
  public record Rendered(String body, String mediaType, String extension) {}

  /**
   * @throws IllegalArgumentException for a format we do not write
   */
  public static Rendered render(Transcript t, String format) {
    String f = format == null ? "md" : format.trim().toLowerCase(Locale.ROOT);
    return switch (f) {
      case "md", "markdown" -> new Rendered(t.markdown(), "text/markdown; charset=UTF-8", "md");
      case "txt", "text" -> new Rendered(text(t), "text/plain; charset=UTF-8", "txt");
      case "srt" ->
          new Rendered(
              TranscriptExport.srt(segments(t)), "application/x-subrip; charset=UTF-8", "srt");
      case "vtt" ->
          new Rendered(TranscriptExport.vtt(segments(t)), "text/vtt; charset=UTF-8", "vtt");
      case "json" -> new Rendered(TranscriptExport.json(segments(t)), "application/json", "json");
      default ->
          throw new IllegalArgumentException(
              "Unknown format '" + format + "': use md, txt, srt, vtt or json");
    };
  }

  public static List<Segment> segments(Transcript t) {
    if (t.segmentsJson() != null && !t.segmentsJson().isBlank()) {
      try {
        List<Segment> stored =
            JsonTranscriptParser.parse(t.segmentsJson()).stream().map(Cue::toSegment).toList();
        if (!stored.isEmpty()) {
          return stored;
        }
      } catch (RuntimeException e) {
        // unreadable stored segments: the Markdown still has the paragraph times
      }
    }
    return TranscriptMarkdown.parse(t.markdown());
  }

  /** Plain text: the timed paragraphs, or for an untimed transcript its paragraphs. */
  private static String text(Transcript t) {
    List<Segment> segments = segments(t);
    if (!segments.isEmpty()) {
      return TranscriptExport.text(segments);
    }
    List<String> paragraphs = new ArrayList<>();
    for (String p : t.markdown().split("\n\\s*\n")) {
      String s = p.strip();
      if (!s.isEmpty() && !s.startsWith("# ") && !(s.startsWith("*") && s.endsWith("*"))) {
        paragraphs.add(CaptionText.unescape(s));
      }
    }
    return String.join("\n\n", paragraphs) + "\n";
  }
}
