package dev.cast2md.transcripts.control;

import java.util.Locale;

/**
 * Caption time stamps. Parsing is lenient because real files are not: WebVTT from some hosts drops
 * hours and zero padding ({@code 0.000}, {@code 3:40.700}) and SRT uses a decimal comma.
 */
public final class Timecodes {
  private Timecodes() {}

  /** Seconds from {@code [[H:]M:]S[.,fff]}; throws {@link NumberFormatException} when not one. */
  public static double parse(String value) {
    String[] parts = value.trim().replace(',', '.').split(":");
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw new NumberFormatException("not a time code: " + value);
    }
    double seconds = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      boolean last = i == parts.length - 1;
      if (!part.matches(last ? "\\d+(\\.\\d+)?" : "\\d+")) {
        throw new NumberFormatException("not a time code: " + value);
      }
      seconds = seconds * 60 + Double.parseDouble(part);
    }
    return seconds;
  }

  /** {@code HH:MM:SS,mmm} as SubRip wants it. */
  public static String srt(double seconds) {
    return full(seconds, ',');
  }

  /** {@code HH:MM:SS.mmm}, always with hours, which every WebVTT reader accepts. */
  public static String vtt(double seconds) {
    return full(seconds, '.');
  }

  /** The paragraph stamp of our Markdown: {@code MM:SS}, {@code H:MM:SS} from the first hour. */
  public static String paragraph(double seconds) {
    long total = (long) Math.floor(Math.max(0, seconds));
    long hours = total / 3600;
    long minutes = (total % 3600) / 60;
    long secs = total % 60;
    return hours > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, minutes, secs)
        : String.format(Locale.ROOT, "%02d:%02d", minutes, secs);
  }

  private static String full(double seconds, char separator) {
    long millis = Math.round(Math.max(0, seconds) * 1000);
    return String.format(
        Locale.ROOT,
        "%02d:%02d:%02d%c%03d",
        millis / 3_600_000,
        (millis / 60_000) % 60,
        (millis / 1000) % 60,
        separator,
        millis % 1000);
  }
}
