package dev.cast2md.worker.node;

import java.io.IOException;

/** An audio download that cannot succeed by trying again (404/410, too large, not audio). */
public class DownloadException extends IOException {
  private final boolean permanent;

  public DownloadException(String message, boolean permanent) {
    super(message);
    this.permanent = permanent;
  }

  public boolean permanent() {
    return permanent;
  }
}
