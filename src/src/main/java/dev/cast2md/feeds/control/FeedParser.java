package dev.cast2md.feeds.control;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import dev.cast2md.feeds.entity.FeedItem;
import dev.cast2md.feeds.entity.ParsedFeed;
import dev.cast2md.feeds.entity.TranscriptLink;
import dev.cast2md.transcripts.control.HtmlText;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdom2.Element;

/**
 * RSS 2.0, iTunes and Atom feeds through Rome, leniently: bytes before the first {@code <} are
 * dropped (hand-made feeds start with a blank line), the declared or served encoding is honoured,
 * DOCTYPEs are refused (no external entities), and everything Rome does not model is read from its
 * foreign markup. Markup in titles and descriptions is reduced to plain text here, so that no feed
 * HTML is stored.
 */
public final class FeedParser {
  static final String DEFAULT_FEED_TITLE = "Unknown Podcast";
  static final String DEFAULT_EPISODE_TITLE = "Untitled Episode";
  private static final int MAX_TEXT = 1000;

  private FeedParser() {}

  /**
   * @param contentType the HTTP Content-Type the feed was served with, or null
   */
  public static ParsedFeed parse(byte[] body, String contentType) throws FeedParseException {
    SyndFeed feed;
    try {
      SyndFeedInput input = new SyndFeedInput();
      input.setPreserveWireFeed(true);
      input.setAllowDoctypes(false);
      feed =
          input.build(
              new XmlReader(new ByteArrayInputStream(trimLeading(body)), contentType, true));
    } catch (FeedException | IOException | IllegalArgumentException e) {
      throw new FeedParseException("Invalid RSS feed: " + rootMessage(e), e);
    }
    List<FeedItem> items = new ArrayList<>();
    Set<String> identities = new HashSet<>();
    for (SyndEntry entry : feed.getEntries()) {
      items.add(EpisodeIdentity.unique(item(entry), identities));
    }
    List<Element> channel = feed.getForeignMarkup();
    return new ParsedFeed(
        short_(firstNonBlank(plain(feed.getTitle()), DEFAULT_FEED_TITLE)),
        firstNonBlank(
            plain(feed.getDescription()),
            ForeignMarkup.text(channel, ForeignMarkup.ITUNES, "summary")
                .map(FeedParser::plain)
                .orElse(null),
            ForeignMarkup.text(channel, ForeignMarkup.ITUNES, "subtitle")
                .map(FeedParser::plain)
                .orElse(null)),
        firstNonBlank(
            feed.getImage() == null ? null : feed.getImage().getUrl(),
            ForeignMarkup.first(channel, ForeignMarkup.ITUNES, "image")
                .map(e -> e.getAttributeValue("href"))
                .orElse(null)),
        short_(
            firstNonBlank(
                ForeignMarkup.text(channel, ForeignMarkup.ITUNES, "author").orElse(null),
                plain(feed.getAuthor()))),
        feed.getLink(),
        categories(feed),
        items);
  }

  private static FeedItem item(SyndEntry entry) {
    List<Element> markup = entry.getForeignMarkup();
    String guid = guid(entry);
    Enclosure audio = Enclosure.audio(entry.getEnclosures(), markup);
    String title = short_(firstNonBlank(plain(entry.getTitle()), DEFAULT_EPISODE_TITLE));
    Instant published = instant(entry.getPublishedDate(), entry.getUpdatedDate());
    return new FeedItem(
        EpisodeIdentity.of(guid, audio == null ? null : audio.url(), title, published),
        guid,
        title,
        description(entry),
        entry.getLink(),
        short_(
            firstNonBlank(
                ForeignMarkup.text(markup, ForeignMarkup.ITUNES, "author").orElse(null),
                plain(entry.getAuthor()))),
        audio == null ? null : audio.url(),
        audio == null ? null : audio.type(),
        audio == null ? null : audio.length(),
        ForeignMarkup.text(markup, ForeignMarkup.ITUNES, "duration")
            .map(Durations::seconds)
            .orElse(null),
        published,
        transcripts(markup));
  }

  /**
   * The publisher's own id: RSS {@code <guid>} or Atom {@code <id>}, never Rome's link fallback.
   */
  private static String guid(SyndEntry entry) {
    Object wire = entry.getWireEntry();
    String value = null;
    if (wire instanceof Item item) {
      Guid guid = item.getGuid();
      value = guid == null ? null : guid.getValue();
    } else if (wire instanceof Entry atom) {
      value = atom.getId();
    }
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String description(SyndEntry entry) {
    String html = entry.getDescription() == null ? null : entry.getDescription().getValue();
    if (html == null || html.isBlank()) {
      for (SyndContent c : entry.getContents()) {
        if (c.getValue() != null && !c.getValue().isBlank()) {
          html = c.getValue();
          break;
        }
      }
    }
    if (html == null) {
      List<Element> markup = entry.getForeignMarkup();
      html = ForeignMarkup.text(markup, ForeignMarkup.ITUNES, "summary").orElse(null);
    }
    return html == null ? null : String.join("\n\n", HtmlText.paragraphs(html));
  }

  private static List<TranscriptLink> transcripts(List<Element> markup) {
    List<TranscriptLink> links = new ArrayList<>();
    for (Element e : ForeignMarkup.all(markup, ForeignMarkup.PODCAST_INDEX, "transcript")) {
      String url = e.getAttributeValue("url");
      if (url != null && !url.isBlank()) {
        links.add(
            new TranscriptLink(
                url.trim(),
                e.getAttributeValue("type"),
                e.getAttributeValue("language"),
                e.getAttributeValue("rel")));
      }
    }
    return links;
  }

  private static List<String> categories(SyndFeed feed) {
    Set<String> names = new LinkedHashSet<>();
    for (Element e : ForeignMarkup.all(feed.getForeignMarkup(), ForeignMarkup.ITUNES, "category")) {
      addCategory(names, e);
    }
    for (SyndCategory c : feed.getCategories()) {
      if (c.getName() != null && !c.getName().isBlank()) {
        names.add(plain(c.getName()));
      }
    }
    return List.copyOf(names);
  }

  private static void addCategory(Set<String> names, Element e) {
    String text = e.getAttributeValue("text");
    if (text != null && !text.isBlank()) {
      names.add(plain(text));
    }
    for (Element child : e.getChildren()) {
      if ("category".equals(child.getName())) {
        addCategory(names, child);
      }
    }
  }

  private static Instant instant(Date... dates) {
    for (Date d : dates) {
      if (d != null) {
        return d.toInstant();
      }
    }
    return null;
  }

  private static byte[] trimLeading(byte[] body) {
    int i = 0;
    // a UTF-8 byte order mark is left to XmlReader; only ASCII whitespace before it is dropped
    while (i < body.length
        && (body[i] == ' ' || body[i] == '\t' || body[i] == '\r' || body[i] == '\n')) {
      i++;
    }
    return i == 0 ? body : java.util.Arrays.copyOfRange(body, i, body.length);
  }

  static String plain(String markup) {
    if (markup == null) {
      return null;
    }
    String text = String.join(" ", HtmlText.paragraphs(markup));
    return text.isBlank() ? null : text;
  }

  /** Titles and names fit their columns; a feed cannot make an insert fail by being verbose. */
  private static String short_(String text) {
    return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.length() > 300 ? message.substring(0, 300) : message;
  }
}
