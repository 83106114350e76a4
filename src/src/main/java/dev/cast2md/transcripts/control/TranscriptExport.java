package dev.cast2md.transcripts.control;

import dev.cast2md.protocol.Segment;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Locale;

/** Segments written out in the formats users download: SRT, WebVTT, Podcasting 2.0 JSON, text. */
public final class TranscriptExport {
  private TranscriptExport() {}

  public static String srt(List<Segment> segments) {
    StringBuilder out = new StringBuilder();
    int n = 1;
    for (Segment s : segments) {
      out.append(n++)
          .append('\n')
          .append(Timecodes.srt(start(s)))
          .append(" --> ")
          .append(Timecodes.srt(end(s)))
          .append('\n')
          .append(oneLine(s.text()))
          .append("\n\n");
    }
    return out.toString();
  }

  /** WebVTT; cue text is escaped because {@code <} and {@code &} are markup there. */
  public static String vtt(List<Segment> segments) {
    StringBuilder out = new StringBuilder("WEBVTT\n\n");
    for (Segment s : segments) {
      out.append(Timecodes.vtt(start(s)))
          .append(" --> ")
          .append(Timecodes.vtt(end(s)))
          .append('\n')
          .append(CaptionText.escape(oneLine(s.text())))
          .append("\n\n");
    }
    return out.toString();
  }

  public static String json(List<Segment> segments) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Segment s : segments) {
      JsonObjectBuilder o =
          Json.createObjectBuilder()
              .add("startTime", millis(start(s)))
              .add("endTime", millis(end(s)))
              .add("body", s.text());
      array.add(o);
    }
    return Json.createObjectBuilder()
        .add("version", "1.0.0")
        .add("segments", array)
        .build()
        .toString();
  }

  public static String text(List<Segment> segments) {
    StringBuilder out = new StringBuilder();
    for (Segment s : segments) {
      out.append(oneLine(s.text())).append("\n\n");
    }
    return out.toString().strip() + "\n";
  }

  private static double millis(double seconds) {
    return Double.parseDouble(String.format(Locale.ROOT, "%.3f", seconds));
  }

  private static double start(Segment s) {
    return s.start() == null ? 0 : s.start();
  }

  private static double end(Segment s) {
    return s.end() == null ? start(s) : Math.max(start(s), s.end());
  }

  /** A blank line would end a caption early, so captions are kept on one line. */
  private static String oneLine(String text) {
    return CaptionText.collapse(text == null ? "" : text);
  }
}
