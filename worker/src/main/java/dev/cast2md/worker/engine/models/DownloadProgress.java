package dev.cast2md.worker.engine.models;

import dev.cast2md.worker.logging.EventLog;
import java.time.Duration;

/**
 * Progress of one file as log lines: a pod has no terminal for a progress bar, so the bar is a line
 * every few seconds with bytes, percent and speed, plus one at the end.
 */
final class DownloadProgress {
  private final String label;
  private final long total;
  private final Duration every;
  private final long startNanos = System.nanoTime();
  private final long startBytes;
  private long lastReport = System.nanoTime();

  DownloadProgress(String label, long startBytes, long total, Duration every) {
    this.label = label;
    this.startBytes = startBytes;
    this.total = total;
    this.every = every;
  }

  void update(long bytes) {
    long now = System.nanoTime();
    if (now - lastReport >= every.toNanos()) {
      lastReport = now;
      EventLog.info("model download %s", line(bytes, now));
    }
  }

  void done(long bytes) {
    EventLog.info("model download %s done", line(bytes, System.nanoTime()));
  }

  private String line(long bytes, long now) {
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    double mbPerSecond = (bytes - startBytes) / seconds / 1e6;
    if (total > 0) {
      int percent = (int) (100 * bytes / total);
      return String.format(
          "%s [%-20s] %d%% %.1f/%.1f MB %.1f MB/s",
          label, "#".repeat(percent / 5), percent, bytes / 1e6, total / 1e6, mbPerSecond);
    }
    return String.format("%s %.1f MB %.1f MB/s", label, bytes / 1e6, mbPerSecond);
  }
}
