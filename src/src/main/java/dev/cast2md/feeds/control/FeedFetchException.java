package dev.cast2md.feeds.control;

/** The feed could not be fetched; the message is fit to show on the feed. */
public class FeedFetchException extends Exception {
  public FeedFetchException(String message) {
    super(message);
  }

  public FeedFetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
