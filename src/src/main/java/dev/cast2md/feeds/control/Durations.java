package dev.cast2md.feeds.control;

/**
 * {@code itunes:duration} as seconds: plain seconds, M:SS, MM:SS or H:MM:SS; null if unreadable.
 */
final class Durations {
  private Durations() {}

  static Integer seconds(String value) {
    String[] parts = value.trim().split(":");
    if (parts.length > 3) {
      return null;
    }
    double total = 0;
    try {
      for (String part : parts) {
        total = total * 60 + Double.parseDouble(part.trim());
      }
    } catch (NumberFormatException e) {
      return null;
    }
    return total < 0 || total > Integer.MAX_VALUE ? null : (int) Math.round(total);
  }

  static Long longOrNull(String value) {
    try {
      long n = value == null ? 0 : Long.parseLong(value.trim());
      return n > 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
