package dev.cast2md.feeds.control;

import com.rometools.rome.feed.synd.SyndEnclosure;
import java.util.List;
import java.util.Locale;
import org.jdom2.Element;

/**
 * The episode's audio: the first enclosure whose type says audio (including the non-standard {@code
 * x-audio/mp3}) or whose URL ends like an audio file, else the same test on {@code media:content}.
 * A missing or zero length is unknown (null), not an error.
 */
record Enclosure(String url, String type, Long length) {
  private static final String[] AUDIO_EXTENSIONS = {
    ".mp3", ".m4a", ".wav", ".ogg", ".opus", ".aac", ".oga", ".flac"
  };

  static Enclosure audio(List<SyndEnclosure> enclosures, List<Element> markup) {
    for (SyndEnclosure e : enclosures) {
      if (isAudio(e.getType(), e.getUrl())) {
        return new Enclosure(
            e.getUrl().trim(), e.getType(), e.getLength() > 0 ? e.getLength() : null);
      }
    }
    for (Element e : markup) {
      if ("content".equals(e.getName()) && e.getNamespaceURI().contains("search.yahoo.com/mrss")) {
        String url = e.getAttributeValue("url");
        String type = e.getAttributeValue("type");
        if (isAudio(type, url)) {
          return new Enclosure(
              url.trim(), type, Durations.longOrNull(e.getAttributeValue("fileSize")));
        }
      }
    }
    return null;
  }

  static boolean isAudio(String type, String url) {
    if (url == null || url.isBlank()) {
      return false;
    }
    if (type != null && type.toLowerCase(Locale.ROOT).contains("audio")) {
      return true;
    }
    String path = url.split("[?#]", 2)[0].toLowerCase(Locale.ROOT);
    for (String ext : AUDIO_EXTENSIONS) {
      if (path.endsWith(ext)) {
        return true;
      }
    }
    return false;
  }
}
