package dev.cast2md.worker.engine.whisper;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/** The last lines whisper.cpp logged, kept for error messages instead of flooding the log. */
final class NativeLog {
  private final int capacity;
  private final Deque<String> lines = new ArrayDeque<>();

  NativeLog(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(String line) {
    if (line == null || line.isBlank()) {
      return;
    }
    if (lines.size() == capacity) {
      lines.removeFirst();
    }
    lines.addLast(line.strip());
  }

  /** The recent lines that read like errors, joined; "no details" when there are none. */
  synchronized String lastErrors() {
    List<String> errors = new ArrayList<>();
    for (String line : lines) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.contains("error") || lower.contains("invalid") || lower.contains("failed")) {
        errors.add(line);
      }
    }
    return errors.isEmpty() ? "no details from whisper.cpp" : String.join("; ", errors);
  }
}
