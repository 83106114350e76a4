package dev.cast2md.worker.node;

import java.nio.file.FileSystemException;

/**
 * Recognises a full disk (ENOSPC, or a quota) in an I/O failure or anywhere in its causes. Such a
 * job is not the episode's fault: it is failed with {@code retry: true} so another worker can do
 * it.
 */
public final class DiskFull {
  private static final String[] MARKERS = {"No space left on device", "Disk quota exceeded"};

  private DiskFull() {}

  public static boolean is(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (mentions(t.getMessage())
          || (t instanceof FileSystemException fs && mentions(fs.getReason()))) {
        return true;
      }
    }
    return false;
  }

  /** For a subprocess's stderr: ffmpeg reports a failed write there and may still exit 0. */
  public static boolean mentions(String text) {
    if (text == null) {
      return false;
    }
    for (String marker : MARKERS) {
      if (text.contains(marker)) {
        return true;
      }
    }
    return false;
  }
}
