package dev.cast2md.transcripts.entity;

import java.util.Locale;
import java.util.Optional;

/**
 * Formats a publisher transcript can come in, in the order we prefer them (timed formats first,
 * WebVTT best because it names speakers), with the MIME types feeds actually use for each.
 */
public enum TranscriptFormat {
  VTT("vtt", "text/vtt"),
  SRT("srt", "application/x-subrip", "application/srt", "text/srt", "text/x-srt"),
  JSON("json", "application/json"),
  TEXT("txt", "text/plain"),
  HTML("html", "text/html", "application/xhtml+xml");

  private final String extension;
  private final String[] mimeTypes;

  TranscriptFormat(String extension, String... mimeTypes) {
    this.extension = extension;
    this.mimeTypes = mimeTypes;
  }

  public String extension() {
    return extension;
  }

  public String mimeType() {
    return mimeTypes[0];
  }

  /** The format a MIME type names; parameters such as {@code ; charset=} are ignored. */
  public static Optional<TranscriptFormat> fromMimeType(String mimeType) {
    if (mimeType == null) {
      return Optional.empty();
    }
    String bare = mimeType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    for (TranscriptFormat f : values()) {
      for (String m : f.mimeTypes) {
        if (m.equals(bare)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** The format a URL's file extension suggests, for feeds that give no usable type. */
  public static Optional<TranscriptFormat> fromUrl(String url) {
    if (url == null) {
      return Optional.empty();
    }
    String path = url.split("[?#]", 2)[0].toLowerCase(Locale.ROOT);
    for (TranscriptFormat f : values()) {
      if (path.endsWith("." + f.extension) || (f == HTML && path.endsWith(".htm"))) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** MIME type first, then the URL's extension, else plain text. */
  public static TranscriptFormat detect(String mimeType, String url) {
    return fromMimeType(mimeType).or(() -> fromUrl(url)).orElse(TEXT);
  }
}
