package dev.cast2md.transcripts.control;

import java.util.List;

/** What SRT and WebVTT share: blocks separated by blank lines and a {@code a --> b} timing line. */
final class Blocks {
  private Blocks() {}

  static List<String> split(String body) {
    String normal = body.replace("\uFEFF", "").replace("\r\n", "\n").replace('\r', '\n');
    return List.of(normal.split("\n[ \t]*\n+"));
  }

  /** Index of the timing line among the first {@code within} lines, or -1. */
  static int timingLine(String[] lines, int within) {
    for (int i = 0; i < Math.min(within, lines.length); i++) {
      if (lines[i].contains("-->")) {
        return i;
      }
    }
    return -1;
  }

  /** Start and end of a timing line (cue settings after the end are ignored), or null. */
  static double[] times(String line) {
    String[] sides = line.split("-->", 2);
    String end = sides[1].trim().split("\\s+", 2)[0];
    try {
      double s = Timecodes.parse(sides[0]);
      double e = Timecodes.parse(end);
      return new double[] {s, Math.max(s, e)};
    } catch (NumberFormatException ex) {
      return null;
    }
  }
}
