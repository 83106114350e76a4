package dev.cast2md.transcripts.control;

import java.text.Normalizer;

/**
 * File and directory names from titles, as cast2md makes them: ASCII only (accents folded), no
 * characters that are special on any file system, runs of spaces and underscores as one {@code _},
 * no leading dots (no hidden files, no {@code ..}), bounded length, never empty.
 */
public final class FileNames {
  static final int MAX = 80;

  private FileNames() {}

  public static String sanitize(String title) {
    return sanitize(title, MAX);
  }

  public static String sanitize(String title, int max) {
    String s = Normalizer.normalize(fold(title == null ? "" : title), Normalizer.Form.NFKD);
    s = s.replaceAll("[^\\x20-\\x7E]", "");
    s = s.replaceAll("[<>:\"/\\\\|?*]", "_");
    s = s.replaceAll("[\\s_]+", "_");
    s = strip(s);
    if (s.length() > max) {
      s = strip(s.substring(0, max));
    }
    return s.isEmpty() ? "unnamed" : s;
  }

  /** Letters NFKD does not decompose, which would otherwise vanish (Grüße → Grue). */
  private static String fold(String s) {
    return s.replace("ß", "ss")
        .replace("Æ", "AE")
        .replace("æ", "ae")
        .replace("Ø", "O")
        .replace("ø", "o")
        .replace("Œ", "OE")
        .replace("œ", "oe")
        .replace("Ł", "L")
        .replace("ł", "l")
        .replace("Đ", "D")
        .replace("đ", "d");
  }

  private static String strip(String s) {
    return s.replaceAll("^[_.]+|[_.]+$", "");
  }
}
