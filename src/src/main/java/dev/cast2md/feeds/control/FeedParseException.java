package dev.cast2md.feeds.control;

/** The document is not a feed we can read; the message is fit to show to the user. */
public class FeedParseException extends Exception {
  public FeedParseException(String message, Throwable cause) {
    super(message, cause);
  }
}
