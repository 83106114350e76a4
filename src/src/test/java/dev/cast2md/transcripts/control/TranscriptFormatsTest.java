package dev.cast2md.transcripts.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.protocol.Paragraphs;
import dev.cast2md.protocol.Segment;
import dev.cast2md.testing.TestFeeds;
import dev.cast2md.transcripts.entity.Cue;
import dev.cast2md.transcripts.entity.TranscriptFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TranscriptFormatsTest {
  private static final String VTT = "transcript_podnews-weekly-review-2024-01-19.vtt";
  private static final String SRT = "transcript_podcasting20-ep124.srt";
  private static final String JSON = "transcript_podnews-weekly-review-2023-05-05.json";

  @Test
  void vttCuesIncludingTheInvalidShortTimings() {
    List<Cue> cues = VttParser.parse(TestFeeds.text(VTT));
    assertEquals(189, cues.size());
    assertEquals(0.0, cues.get(0).start(), 1e-9);
    assertEquals(3.48, cues.get(0).end(), 1e-9);
    assertEquals("SPEAKER_1", cues.get(0).speaker());
    assertEquals("It's Friday, the 19th of January, 2024.", cues.get(0).text());
    assertEquals(9 * 60 + 35.7, cues.get(140).start(), 1e-9, "m:ss.ttt without hours");
    assertTrue(cues.stream().noneMatch(c -> c.text().contains("<")));
    assertEquals(
        4, cues.stream().map(Cue::speaker).collect(Collectors.toSet()).size(), "SPEAKER_1..4");
    assertMonotonic(cues);
  }

  @Test
  void srtCuesWithWrappedTextAndSpeakerPrefixes() {
    List<Cue> cues = SrtParser.parse(TestFeeds.text(SRT));
    assertEquals(646, cues.size());
    assertEquals(0.78, cues.get(0).start(), 1e-9);
    assertEquals(6.21, cues.get(0).end(), 1e-9);
    assertEquals(
        "Adam Curry: podcasting 2.0 March 4 2023 Episode 124 on D flat", cues.get(0).text());
    assertEquals("Adam Curry", cues.get(0).speaker());
    assertEquals(37 * 60 + 35.88, cues.get(cues.size() - 1).end(), 1e-9);
    assertTrue(cues.stream().anyMatch(c -> "Dave Jones".equals(c.speaker())));
  }

  @Test
  void jsonSegmentsWithSpeakers() {
    List<Cue> cues = JsonTranscriptParser.parse(TestFeeds.text(JSON));
    assertEquals(122, cues.size());
    assertEquals(0.035, cues.get(0).start(), 1e-9);
    assertEquals("James C", cues.get(0).speaker());
    assertEquals(207.5, cues.stream().mapToDouble(Cue::end).max().orElseThrow(), 0.01);
    assertEquals(
        5, cues.stream().map(Cue::speaker).collect(Collectors.toSet()).size(), "5 speakers");
  }

  @Test
  void markdownHasTheWorkersShape() {
    String md =
        PublisherTranscripts.toMarkdown(
            TranscriptFormat.SRT, TestFeeds.text(SRT), "Episode 124 <b>live</b>");
    assertTrue(md.startsWith("# Episode 124 &lt;b&gt;live&lt;/b&gt;\n\n"), md);
    assertTrue(md.contains("*Source: Downloaded from publisher*\n\n**[00:00]** Adam Curry:"));
    assertTrue(md.contains("\n\n**[37:"), "minutes stay two-digit below an hour");
    assertTrue(md.endsWith("\n") && !md.endsWith("\n\n"));
    for (String paragraph : md.strip().split("\n\n")) {
      assertTrue(
          paragraph.startsWith("# ")
              || paragraph.startsWith("*Source")
              || paragraph.matches("\\*\\*\\[\\d{2}:\\d{2}\\]\\*\\* \\S.*"),
          paragraph);
    }
  }

  @Test
  void paragraphsBreakAtSpeakerChanges() {
    List<Cue> phrases =
        Paragraphs.group(JsonTranscriptParser.parse(TestFeeds.text(JSON)), Cue::new);
    assertTrue(phrases.size() < 122 && phrases.size() > 10, "merged: " + phrases.size());
    // the two halves of a split caption end up in one paragraph
    assertTrue(phrases.get(0).text().startsWith("it's Friday, the 5th of May 20, 23."));
    for (int i = 1; i < phrases.size(); i++) {
      Cue p = phrases.get(i);
      assertFalse(p.text().isBlank());
    }
  }

  @Test
  void hoursFormAfterTheFirstHour() {
    String md =
        TranscriptMarkdown.render(
            null,
            null,
            List.of(new Cue(59.9, 61, null, "Hello."), new Cue(3725.4, 3730, null, "Later.")));
    assertEquals("**[00:59]** Hello.\n\n**[1:02:05]** Later.\n", md);
    List<Segment> parsed = TranscriptMarkdown.parse(md);
    assertEquals(
        List.of(new Segment(59.0, 3725.0, "Hello."), new Segment(3725.0, 3730.0, "Later.")),
        parsed);
  }

  @Test
  void srtRoundTrip() {
    List<Cue> cues = SrtParser.parse(TestFeeds.text(SRT));
    List<Cue> again = SrtParser.parse(TranscriptExport.srt(segments(cues)));
    assertSameCues(cues, again);
  }

  @Test
  void vttRoundTripWritesValidTimings() {
    List<Cue> cues = VttParser.parse(TestFeeds.text(VTT));
    String vtt = TranscriptExport.vtt(segments(cues));
    assertTrue(vtt.startsWith("WEBVTT\n\n00:00:00.000 --> 00:00:03.480\n"));
    assertTrue(vtt.contains("\n00:09:59.320 --> 00:10:08.480\n"), "9:59.320 written with hours");
    assertSameCues(cues, VttParser.parse(vtt));
  }

  @Test
  void jsonRoundTrip() {
    List<Cue> cues = JsonTranscriptParser.parse(TestFeeds.text(JSON));
    assertSameCues(cues, JsonTranscriptParser.parse(TranscriptExport.json(segments(cues))));
  }

  @Test
  void markdownRoundTripsThroughSrtAndVtt() {
    for (String file : List.of(VTT, SRT, JSON)) {
      TranscriptFormat format = TranscriptFormat.fromUrl(file).orElseThrow();
      List<Cue> phrases =
          Paragraphs.group(PublisherTranscripts.cues(format, TestFeeds.text(file)), Cue::new);
      String md = PublisherTranscripts.toMarkdown(format, TestFeeds.text(file), "T");
      List<Segment> fromMd = TranscriptMarkdown.parse(md);
      assertEquals(phrases.size(), fromMd.size(), file);
      for (int i = 0; i < phrases.size(); i++) {
        assertEquals(Math.floor(phrases.get(i).start()), fromMd.get(i).start(), 1e-9, file);
        assertEquals(phrases.get(i).text(), fromMd.get(i).text(), file);
      }
      assertSameCues(
          fromMd.stream().map(Cue::of).toList(),
          SrtParser.parse(TranscriptExport.srt(fromMd)).stream()
              .map(c -> new Cue(c.start(), c.end(), null, c.text()))
              .toList());
      assertSameCues(
          fromMd.stream().map(Cue::of).toList(), VttParser.parse(TranscriptExport.vtt(fromMd)));
    }
  }

  @Test
  void publisherMarkupNeverReachesTheOutputUnescaped() {
    String vtt =
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Eve>a &lt;script&gt;alert(1)&lt;/script&gt; & b\n";
    List<Cue> cues = VttParser.parse(vtt);
    assertEquals("a <script>alert(1)</script> & b", cues.get(0).text());
    String md = TranscriptMarkdown.render("<img src=x onerror=alert(1)>", null, cues);
    assertFalse(md.contains("<"), md);
    assertFalse(TranscriptExport.vtt(segments(cues)).contains("<script"));
    assertEquals(cues.get(0).text(), TranscriptMarkdown.parse(md).get(0).text());
  }

  @Test
  void htmlAndPlainTextBecomeUntimedParagraphs() {
    String html =
        "<html><head><title>x</title></head><body><script>evil()</script>"
            + "<p>First &amp; one.</p><p>Second<br>third</p></body></html>";
    String md = PublisherTranscripts.toMarkdown(TranscriptFormat.HTML, html, "Ep");
    assertEquals(
        "# Ep\n\n*Source: Downloaded from publisher (no timestamps)*\n\n"
            + "First &amp; one.\n\nSecond\n\nthird\n",
        md);
    assertTrue(
        PublisherTranscripts.toMarkdown(TranscriptFormat.VTT, "WEBVTT\n\n", null)
            .endsWith("*No transcript content available*\n"));
    assertTrue(
        PublisherTranscripts.toMarkdown(TranscriptFormat.SRT, "Just words, mislabelled.", null)
            .endsWith("\n\nJust words, mislabelled.\n"));
  }

  @Test
  void formatPreference() {
    assertEquals(TranscriptFormat.SRT, TranscriptFormat.detect("application/srt", "x.txt"));
    assertEquals(TranscriptFormat.VTT, TranscriptFormat.detect(null, "https://h/t.vtt?x=1"));
    assertEquals(
        TranscriptFormat.JSON, TranscriptFormat.detect("application/json; charset=utf-8", null));
    assertEquals(TranscriptFormat.TEXT, TranscriptFormat.detect("application/octet-stream", "x"));
    assertEquals(4.5, Timecodes.parse("0:04,5"), 1e-9);
    assertEquals(3723.25, Timecodes.parse("1:02:03.250"), 1e-9);
  }

  private static List<Segment> segments(List<Cue> cues) {
    return cues.stream().map(Cue::toSegment).toList();
  }

  private static void assertSameCues(List<Cue> expected, List<Cue> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).start(), actual.get(i).start(), 0.0005, "start " + i);
      assertEquals(expected.get(i).end(), actual.get(i).end(), 0.0005, "end " + i);
      assertEquals(expected.get(i).text(), actual.get(i).text(), "text " + i);
    }
  }

  private static void assertMonotonic(List<Cue> cues) {
    for (int i = 1; i < cues.size(); i++) {
      assertTrue(cues.get(i).start() >= cues.get(i - 1).start(), "cue " + i);
    }
  }
}
