package dev.cast2md.feeds.control;

/** HTTP cache validators of a feed response, sent back on the next poll (conditional GET). */
public record Validators(String etag, String lastModified) {
  public static final Validators NONE = new Validators(null, null);
}
