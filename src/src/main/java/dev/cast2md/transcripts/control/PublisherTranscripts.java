package dev.cast2md.transcripts.control;

import dev.cast2md.transcripts.entity.Cue;
import dev.cast2md.transcripts.entity.TranscriptFormat;
import java.util.List;

/**
 * A publisher's transcript, whatever its format, as our Markdown. Timed formats that yield no cue
 * (a mislabelled file) fall back to their text, so that a transcript is never silently lost.
 */
public final class PublisherTranscripts {
  static final String NOTE = "Source: Downloaded from publisher";
  static final String NOTE_UNTIMED = "Source: Downloaded from publisher (no timestamps)";

  private PublisherTranscripts() {}

  /** Captions of a timed format; empty for HTML and plain text or when nothing could be read. */
  public static List<Cue> cues(TranscriptFormat format, String body) {
    try {
      return switch (format) {
        case VTT -> VttParser.parse(body);
        case SRT -> SrtParser.parse(body);
        case JSON -> JsonTranscriptParser.parse(body);
        case TEXT, HTML -> List.of();
      };
    } catch (RuntimeException e) {
      return List.of(); // malformed JSON and the like: treated as text below
    }
  }

  public static String toMarkdown(TranscriptFormat format, String body, String title) {
    List<Cue> cues = cues(format, body);
    if (!cues.isEmpty() || looksTimed(body)) {
      return TranscriptMarkdown.render(title, NOTE, cues);
    }
    List<String> paragraphs =
        format == TranscriptFormat.TEXT
            ? HtmlText.plainParagraphs(body)
            : HtmlText.paragraphs(body);
    return TranscriptMarkdown.renderUntimed(title, NOTE_UNTIMED, paragraphs);
  }

  /** A caption file without usable cues is empty, not text: its header is no transcript. */
  private static boolean looksTimed(String body) {
    String head = body.strip();
    return head.startsWith("WEBVTT")
        || head.contains("-->")
        || head.startsWith("{")
        || head.startsWith("[");
  }
}
