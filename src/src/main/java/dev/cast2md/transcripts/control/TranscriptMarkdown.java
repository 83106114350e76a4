package dev.cast2md.transcripts.control;

import dev.cast2md.protocol.Paragraphs;
import dev.cast2md.protocol.Segment;
import dev.cast2md.transcripts.entity.Cue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * cast2md's transcript Markdown, the same shape the worker writes: an optional title and note, then
 * one paragraph per phrase led by {@code **[MM:SS]**} ({@code **[H:MM:SS]**} from the first hour).
 * Text from publishers is escaped ({@code & < >}) so that a Markdown renderer shows it as text.
 */
public final class TranscriptMarkdown {
  static final String NO_CONTENT = "*No transcript content available*";
  private static final Pattern PARAGRAPH =
      Pattern.compile("(?m)^\\*\\*\\[(\\d{1,3}:\\d{2}(?::\\d{2})?)\\]\\*\\* ?(.*)$");

  /** Seconds a last paragraph is assumed to last when exported, as the original does. */
  static final double LAST_PARAGRAPH_SECONDS = 5;

  private TranscriptMarkdown() {}

  /** Renders captions, merged into paragraphs; title and note are optional. */
  public static String render(String title, String note, List<Cue> cues) {
    StringBuilder md = header(title, note);
    List<Cue> phrases = Paragraphs.group(cues, Cue::new);
    if (phrases.isEmpty()) {
      md.append(NO_CONTENT).append("\n\n");
    }
    for (Cue phrase : phrases) {
      md.append("**[")
          .append(Timecodes.paragraph(phrase.start()))
          .append("]** ")
          .append(CaptionText.escape(phrase.text()))
          .append("\n\n");
    }
    return md.toString().strip() + "\n";
  }

  /** Renders an untimed transcript (HTML, plain text) as plain paragraphs. */
  public static String renderUntimed(String title, String note, List<String> paragraphs) {
    StringBuilder md = header(title, note);
    if (paragraphs.isEmpty()) {
      md.append(NO_CONTENT).append("\n\n");
    }
    for (String p : paragraphs) {
      md.append(CaptionText.escape(p)).append("\n\n");
    }
    return md.toString().strip() + "\n";
  }

  /**
   * The timed paragraphs of a stored transcript. A paragraph ends where the next one starts; the
   * last is given {@link #LAST_PARAGRAPH_SECONDS}, as nothing in the Markdown says how long it is.
   */
  public static List<Segment> parse(String markdown) {
    List<Segment> out = new ArrayList<>();
    Matcher m = PARAGRAPH.matcher(markdown);
    List<double[]> starts = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    while (m.find()) {
      starts.add(new double[] {Timecodes.parse(m.group(1))});
      texts.add(CaptionText.unescape(m.group(2).trim()));
    }
    for (int i = 0; i < starts.size(); i++) {
      double start = starts.get(i)[0];
      double end = i + 1 < starts.size() ? starts.get(i + 1)[0] : start + LAST_PARAGRAPH_SECONDS;
      out.add(new Segment(start, Math.max(start, end), texts.get(i)));
    }
    return out;
  }

  private static StringBuilder header(String title, String note) {
    StringBuilder md = new StringBuilder();
    if (title != null && !title.isBlank()) {
      md.append("# ").append(CaptionText.escape(CaptionText.collapse(title))).append("\n\n");
    }
    if (note != null && !note.isBlank()) {
      md.append('*').append(CaptionText.escape(note.strip())).append("*\n\n");
    }
    return md;
  }
}
