package dev.cast2md.worker.node;

import java.io.IOException;

/** The server answered, but not with 200: the status and its {@code detail} say why. */
public class NodeHttpException extends IOException {
  private final int status;

  public NodeHttpException(String call, int status, String detail) {
    super(call + " answered HTTP " + status + (detail == null ? "" : ": " + detail));
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** 4xx: asking again will not help (not our job any more, unknown node, bad key). */
  public boolean isClientError() {
    return status >= 400 && status < 500;
  }
}
