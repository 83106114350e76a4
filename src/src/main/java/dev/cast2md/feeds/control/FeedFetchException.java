package dev.cast2md.feeds.control;

/** The document could not be fetched; the message is fit to show to the user. */
public class FeedFetchException extends Exception {
  private final int httpStatus;

  public FeedFetchException(String message) {
    this(message, 0);
  }

  public FeedFetchException(String message, int httpStatus) {
    super(message);
    this.httpStatus = httpStatus;
  }

  public FeedFetchException(String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = 0;
  }

  /** The HTTP status the server answered with, or 0 when there was no answer. */
  public int httpStatus() {
    return httpStatus;
  }
}
