package dev.cast2md.worker.afterburner;

/** The server (or RunPod) answered, but not with success: its status and its {@code detail}. */
final class ServerException extends Exception {
  private final int status;
  private final String detail;

  ServerException(String call, int status, String detail) {
    super(call + ": " + detail + " (HTTP " + status + ")");
    this.status = status;
    this.detail = detail;
  }

  int status() {
    return status;
  }

  /** The answer's own words, without the call and status. */
  String detail() {
    return detail;
  }

  boolean unauthorized() {
    return status == 401 || status == 403;
  }
}
