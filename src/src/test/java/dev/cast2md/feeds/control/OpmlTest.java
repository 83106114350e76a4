package dev.cast2md.feeds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.feeds.entity.Subscription;
import dev.cast2md.testing.TestFeeds;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpmlTest {

  @Test
  void germanTechPodcasts() throws Exception {
    List<Subscription> feeds =
        Opml.read(TestFeeds.bytes("subscriptions_german-tech-podcasts.opml"));
    assertEquals(111, feeds.size(), "112 outlines, one feed URL shared by two");
    assertEquals(4, feeds.stream().filter(s -> s.feedUrl().startsWith("http:")).count());
    assertEquals(4, feeds.stream().filter(s -> s.feedUrl().contains("?")).count());
    assertTrue(feeds.stream().allMatch(s -> s.title() != null && !s.title().contains("&amp;")));
    assertTrue(feeds.stream().anyMatch(s -> s.title().matches(".*[äöüÄÖÜß].*")));
  }

  @Test
  void exportReadsBack() throws Exception {
    List<Subscription> feeds =
        Opml.read(TestFeeds.bytes("subscriptions_german-tech-podcasts.opml"));
    String written = Opml.write("cast2md <export>", feeds);
    assertTrue(written.contains("cast2md &lt;export&gt;"));
    assertEquals(feeds, Opml.read(written.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void refusesEntitiesAndNonOpml() {
    assertThrows(
        FeedParseException.class,
        () ->
            Opml.read(
                ("<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + "<opml><body><outline xmlUrl=\"&x;\"/></body></opml>")
                    .getBytes(StandardCharsets.UTF_8)));
    assertThrows(
        FeedParseException.class, () -> Opml.read("<rss/>".getBytes(StandardCharsets.UTF_8)));
  }
}
