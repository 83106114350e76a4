package dev.cast2md.feeds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.feeds.entity.FeedItem;
import dev.cast2md.feeds.entity.ParsedFeed;
import dev.cast2md.testing.TestFeeds;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every feed in the shared test data, checked against the counts in its MANIFEST.md. */
class FeedParserTest {

  static ParsedFeed parse(String name) throws FeedParseException {
    return FeedParser.parse(TestFeeds.bytes(name), null);
  }

  @Test
  void itunesTypical() throws Exception {
    ParsedFeed feed = parse("itunes-typical_podcast-help-desk.rss");
    assertEquals("Podcast Help Desk™", feed.title());
    assertCounts(feed, 6, 6, 0);
    FeedItem first = feed.items().get(0);
    assertTrue(first.audioUrl().contains("media.blubrry.com/phd/"), first.audioUrl());
    assertNotNull(first.durationSeconds());
    assertNotNull(feed.author());
    assertFalse(feed.categories().isEmpty());
    assertAllDated(feed);
    assertDated(feed, "2020-11-21T09:20:08Z");
    assertNoMarkup(feed);
  }

  @Test
  void podcastingTwoWithSrtTranscriptsUnderTheLegacyNamespace() throws Exception {
    ParsedFeed feed = parse("podcast-transcript-srt_podcasting20.xml");
    assertEquals("Podcasting 2.0", feed.title());
    assertCounts(feed, 56, 56, 47);
    feed.items().stream()
        .flatMap(i -> i.transcripts().stream())
        .forEach(
            t -> {
              assertEquals("application/srt", t.type());
              assertTrue(t.url().startsWith("http"), t.url());
            });
    assertAllDated(feed);
    assertDated(feed, "2021-10-08T18:55:32Z");
    assertNoMarkup(feed);
  }

  @Test
  void atomWithEnclosureLinksWithoutLengths() throws Exception {
    ParsedFeed feed = parse("atom-enclosures_ent-expert-opinion.atom");
    assertEquals("ENT expert opinion", feed.title());
    assertCounts(feed, 43, 41, 0);
    for (FeedItem e : feed.episodes()) {
      assertNull(e.audioLength(), "no length attribute");
      assertTrue(e.audioUrl().contains("archive.org"), e.audioUrl());
      assertNotNull(e.guid(), "atom:id");
    }
    assertAllDated(feed);
    assertEquals(
        Instant.parse("2017-04-07T01:50:50Z"), feed.items().get(0).publishedAt(), "+10:30");
    assertDated(feed, "2017-03-21T05:28:51Z");
    assertNoMarkup(feed);
  }

  @Test
  void quirkyHandMadeFeed() throws Exception {
    ParsedFeed feed = parse("quirks_taverncast.rss");
    assertEquals("Taverncast - Happy Hour in Your Head - Since 2005", feed.title());
    assertCounts(feed, 131, 131, 0);
    assertAllDated(feed);
    assertNoMarkup(feed);
    // durations despite the wrongly cased iTunes namespace, in all four shapes
    assertTrue(feed.items().stream().allMatch(i -> i.durationSeconds() != null));
    assertTrue(feed.items().stream().anyMatch(i -> i.durationSeconds() >= 3600));
    // the repeated guid does not merge two different items
    long sharing =
        feed.items().stream()
            .filter(i -> "http://taverncast.com/shows/geekistry-2.mp3".equals(i.guid()))
            .count();
    assertEquals(2, sharing);
    // EST is five hours behind UTC; a date without a weekday is read too
    assertTrue(
        feed.items().stream()
            .anyMatch(i -> Instant.parse("2011-08-02T06:30:00Z").equals(i.publishedAt())));
    assertDated(feed, "2015-11-07T17:00:00Z");
    assertDated(feed, "2005-08-03T18:00:00Z");
  }

  @Test
  void identitiesAreUniqueAndStable() throws Exception {
    for (String name :
        List.of(
            "itunes-typical_podcast-help-desk.rss",
            "podcast-transcript-srt_podcasting20.xml",
            "atom-enclosures_ent-expert-opinion.atom",
            "quirks_taverncast.rss")) {
      List<String> first = parse(name).items().stream().map(FeedItem::identity).toList();
      List<String> again = parse(name).items().stream().map(FeedItem::identity).toList();
      assertEquals(first, again, name);
      assertEquals(first.size(), new HashSet<>(first).size(), name);
    }
  }

  @Test
  void identityFallsBackToEnclosureThenTitleAndDate() throws Exception {
    String rss =
        "<rss version=\"2.0\"><channel><title>t</title>"
            + "<item><title>A</title><enclosure url=\"http://x/a.mp3\" type=\"audio/mpeg\"/></item>"
            + "<item><title>B</title><pubDate>Mon, 01 Jan 2024 10:00:00 GMT</pubDate></item>"
            + "</channel></rss>";
    ParsedFeed feed = FeedParser.parse(rss.getBytes(StandardCharsets.UTF_8), null);
    assertEquals("url:http://x/a.mp3", feed.items().get(0).identity());
    assertNull(feed.items().get(0).audioLength());
    assertEquals("title:B|2024-01-01T10:00:00Z", feed.items().get(1).identity());
    assertEquals(1, feed.episodes().size());
  }

  @Test
  void declaredEncodingIsHonoured() throws Exception {
    String rss =
        "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel>"
            + "<title>Grüße &amp; Küsse</title><item><guid>1</guid><title>Ärger</title>"
            + "<description>&lt;p&gt;Hallo &lt;script&gt;x()&lt;/script&gt;&lt;b&gt;Welt&lt;/b&gt;&lt;/p&gt;</description>"
            + "<enclosure url=\"http://x/1.mp3\" length=\"\" type=\"audio/mpeg\"/></item></channel></rss>";
    ParsedFeed feed = FeedParser.parse(rss.getBytes(StandardCharsets.ISO_8859_1), null);
    assertEquals("Grüße & Küsse", feed.title());
    assertEquals("Ärger", feed.items().get(0).title());
    assertEquals("Hallo Welt", feed.items().get(0).description());
  }

  @Test
  void notAFeedIsAClearError() {
    FeedParseException e =
        assertThrows(
            FeedParseException.class,
            () ->
                FeedParser.parse(
                    "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8), "text/html"));
    assertTrue(e.getMessage().startsWith("Invalid RSS feed: "), e.getMessage());
    assertThrows(
        FeedParseException.class,
        () ->
            FeedParser.parse(
                ("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<rss version=\"2.0\"><channel><title>&x;</title></channel></rss>")
                    .getBytes(StandardCharsets.UTF_8),
                null));
  }

  private static void assertCounts(ParsedFeed feed, int items, int audio, int withTranscript) {
    assertEquals(items, feed.items().size(), "items");
    assertEquals(audio, feed.episodes().size(), "audio");
    assertEquals(
        withTranscript,
        feed.items().stream().filter(i -> !i.transcripts().isEmpty()).count(),
        "transcripts");
  }

  private static void assertAllDated(ParsedFeed feed) {
    for (FeedItem i : feed.items()) {
      assertNotNull(i.publishedAt(), i.title());
      assertTrue(i.publishedAt().isAfter(Instant.parse("2004-01-01T00:00:00Z")), i.title());
    }
  }

  private static void assertDated(ParsedFeed feed, String instant) {
    assertTrue(
        feed.items().stream().anyMatch(i -> Instant.parse(instant).equals(i.publishedAt())),
        "an item published at " + instant);
  }

  private static void assertNoMarkup(ParsedFeed feed) {
    Set<String> texts = new HashSet<>();
    texts.add(feed.title());
    feed.items().forEach(i -> texts.add(i.title()));
    feed.items().stream().map(FeedItem::description).filter(d -> d != null).forEach(texts::add);
    for (String t : texts) {
      assertFalse(t.matches("(?s).*<[a-zA-Z/!][^>]*>.*"), t);
    }
  }
}
