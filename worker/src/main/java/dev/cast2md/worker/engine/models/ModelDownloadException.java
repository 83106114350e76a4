package dev.cast2md.worker.engine.models;

import java.io.IOException;

/** A model file could not be fetched or did not match its checksum; the message says which. */
public class ModelDownloadException extends IOException {
  private final boolean retryable;

  public ModelDownloadException(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  public ModelDownloadException(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** A 404 or a 403 will not heal by waiting; a reset connection or a 503 may. */
  public boolean retryable() {
    return retryable;
  }
}
