package dev.cast2md.worker.afterburner;

/** The server answered, but not with success: its status and its {@code detail}. */
final class ServerException extends Exception {
  private final int status;

  ServerException(String call, int status, String detail) {
    super(call + ": " + detail + " (HTTP " + status + ")");
    this.status = status;
  }

  int status() {
    return status;
  }

  boolean unauthorized() {
    return status == 401 || status == 403;
  }
}
