package dev.cast2md.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.engine.TimedText;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownFormatterTest {

  @Test
  void timestampsAreMinutesAndSecondsBelowAnHourAndHoursAfter() {
    assertEquals("00:00", MarkdownFormatter.timestamp(0));
    assertEquals("01:05", MarkdownFormatter.timestamp(65.9));
    assertEquals("59:59", MarkdownFormatter.timestamp(3599.99));
    assertEquals("1:00:00", MarkdownFormatter.timestamp(3600));
    assertEquals("2:03:04", MarkdownFormatter.timestamp(7384.5));
  }

  @Test
  void paragraphsStartWithTheirTimeAndBreakAtLongPauses() {
    Transcript t =
        MarkdownFormatter.format(
            List.of(
                new TimedText(0.2, 0.5, "hello"),
                new TimedText(0.6, 1.0, "there"),
                new TimedText(65.0, 65.5, "later"),
                new TimedText(3725.0, 3725.4, "much"),
                new TimedText(3725.5, 3726.0, "later")),
            "en");
    assertEquals(
        "*Language: en*\n\n**[00:00]** hello there\n\n**[01:05]** later\n\n"
            + "**[1:02:05]** much later\n",
        t.markdown());
    assertEquals(3, t.segments().size());
    assertEquals(3725.0, t.segments().get(2).start());
    assertEquals(3726.0, t.segments().get(2).end());
  }

  @Test
  void sentencesEndParagraphsOnceTheyAreLongEnough() {
    Transcript t =
        MarkdownFormatter.format(
            List.of(
                new TimedText(0, 4, "This is the first sentence of the podcast episode."),
                new TimedText(4.1, 6, "Here is the second one."),
                new TimedText(6.1, 7, "Short.")),
            null);
    assertEquals(2, t.segments().size());
    assertTrue(t.markdown().startsWith("**[00:00]** This is the first"));
    assertTrue(t.markdown().contains("**[00:04]** Here is the second one. Short."));
  }

  @Test
  void nothingHeardGivesAnEmptyTranscript() {
    assertTrue(MarkdownFormatter.format(List.of(), "en").isEmpty());
  }
}
