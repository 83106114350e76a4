package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.testing.TestFeeds;
import dev.cast2md.transcripts.entity.Transcript;
import dev.cast2md.transcripts.entity.TranscriptFormat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TranscriptRenderingTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void workerSegmentsGiveExactTimes() {
    Transcript t =
        transcript(
            "**[00:01]** Hello there.\n\n**[00:04]** Bye.\n",
            "[{\"start\":1.25,\"end\":3.5,\"text\":\"Hello there.\"},"
                + "{\"start\":4.0,\"end\":5.75,\"text\":\"Bye.\"}]");
    assertEquals(
        "1\n00:00:01,250 --> 00:00:03,500\nHello there.\n\n2\n00:00:04,000 --> 00:00:05,750\nBye.\n\n",
        TranscriptRendering.render(t, "srt").body());
    assertEquals("Hello there.\n\nBye.\n", TranscriptRendering.render(t, "txt").body());
    assertEquals("text/vtt; charset=UTF-8", TranscriptRendering.render(t, "vtt").mediaType());
    assertTrue(TranscriptRendering.render(t, "json").body().contains("\"startTime\":1.25"));
  }

  @Test
  void withoutSegmentsTheMarkdownStampsAreUsed() {
    String md =
        PublisherTranscripts.toMarkdown(
            TranscriptFormat.VTT,
            TestFeeds.text("transcript_podnews-weekly-review-2024-01-19.vtt"),
            "Weekly & review");
    Transcript t = transcript(md, null);
    String vtt = TranscriptRendering.render(t, "vtt").body();
    assertTrue(vtt.startsWith("WEBVTT\n\n00:00:00.000 --> "), vtt);
    assertEquals(md, TranscriptRendering.render(t, "md").body());
    assertThrows(IllegalArgumentException.class, () -> TranscriptRendering.render(t, "docx"));
  }

  @Test
  void untimedTextKeepsItsParagraphs() {
    String md =
        PublisherTranscripts.toMarkdown(
            TranscriptFormat.HTML, "<p>One &amp; two.</p><p>Three</p>", "T");
    assertEquals(
        "One & two.\n\nThree\n", TranscriptRendering.render(transcript(md, null), "txt").body());
  }

  private static Transcript transcript(String markdown, String segments) {
    return new Transcript(1, markdown, segments, null, "test", null, NOW, NOW);
  }
}
