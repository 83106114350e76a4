package dev.cast2md.feeds.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.feeds.entity.TranscriptLink;
import dev.cast2md.testing.TestFeeds;
import dev.cast2md.transcripts.entity.TranscriptFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TranscriptChoiceTest {

  @Test
  void vttBeforeSrtBeforeJsonBeforeHtml() {
    TranscriptLink html = new TranscriptLink("http://x/t.html", "text/html", null, null);
    TranscriptLink json = new TranscriptLink("http://x/t.json", "application/json", null, null);
    TranscriptLink srt = new TranscriptLink("http://x/t", "application/x-subrip", null, null);
    TranscriptLink vtt = new TranscriptLink("http://x/t.vtt", null, null, null);
    assertEquals(vtt, TranscriptChoice.preferred(List.of(html, json, srt, vtt)).orElseThrow());
    assertEquals(srt, TranscriptChoice.preferred(List.of(html, json, srt)).orElseThrow());
    assertEquals(json, TranscriptChoice.preferred(List.of(html, json)).orElseThrow());
    assertTrue(TranscriptChoice.preferred(List.of()).isEmpty());
  }

  @Test
  void theFeedsNonRegisteredSrtTypeIsSrt() throws Exception {
    var feed = FeedParser.parse(TestFeeds.bytes("podcast-transcript-srt_podcasting20.xml"), null);
    long srt =
        feed.items().stream()
            .map(i -> TranscriptChoice.preferred(i.transcripts()))
            .flatMap(java.util.Optional::stream)
            .filter(t -> TranscriptChoice.format(t) == TranscriptFormat.SRT)
            .count();
    assertEquals(47, srt);
  }
}
