package dev.cast2md.platform.boundary;

import java.io.IOException;

/** A request body over the limit; answered as 413 however deep the reader wrapped it. */
public class PayloadTooLargeException extends IOException {
  public PayloadTooLargeException(long limit) {
    super("Request body larger than " + limit + " bytes");
  }
}
