package dev.cast2md.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.TimedText;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TranscriptMergerTest {
  private static final int RATE = DecodedAudio.SAMPLE_RATE;

  private static String text(List<TimedText> items) {
    return items.stream().map(TimedText::text).collect(Collectors.joining(" "));
  }

  /** Two chunks owning [0, 10) and [10, 20), each hearing one second of the other. */
  private static final List<ChunkSpan> TWO =
      List.of(
          new ChunkSpan(0, 0, 11L * RATE, 0, 10L * RATE),
          new ChunkSpan(1, 9L * RATE, 20L * RATE, 10L * RATE, 20L * RATE));

  @Test
  void timesAreOffsetToTheEpisode() {
    List<TimedText> merged =
        TranscriptMerger.merge(
            TWO,
            List.of(
                new ChunkTranscript(0, List.of(new TimedText(1.0, 1.4, "hello")), "en"),
                new ChunkTranscript(1, List.of(new TimedText(2.0, 2.5, "world")), "en")));
    assertEquals("hello world", text(merged));
    assertEquals(11.0, merged.get(1).start(), 1e-9);
    assertEquals(11.5, merged.get(1).end(), 1e-9);
  }

  @Test
  void aWordHeardByBothChunksAppearsOnce() {
    // "country" spans the join at 10 s; both chunks heard it, with slightly different times.
    List<TimedText> merged =
        TranscriptMerger.merge(
            TWO,
            List.of(
                new ChunkTranscript(
                    0,
                    List.of(new TimedText(9.0, 9.5, "your"), new TimedText(9.6, 10.3, "country")),
                    "en"),
                new ChunkTranscript(
                    1,
                    List.of(
                        new TimedText(0.0, 0.45, "your"),
                        new TimedText(0.6, 1.6, "country"),
                        new TimedText(1.8, 2.2, "today")),
                    "en")));
    assertEquals("your country today", text(merged));
  }

  @Test
  void aRepeatedRunOfWordsAtTheJoinIsTrimmed() {
    // The engines disagree on where "for your" lies, so both chunks kept it by midpoint.
    List<TimedText> merged =
        TranscriptMerger.merge(
            TWO,
            List.of(
                new ChunkTranscript(
                    0,
                    List.of(
                        new TimedText(8.5, 8.9, "ask"),
                        new TimedText(9.2, 9.5, "for"),
                        new TimedText(9.5, 9.9, "your")),
                    "en"),
                new ChunkTranscript(
                    1,
                    List.of(
                        new TimedText(1.0, 1.3, "for"),
                        new TimedText(1.3, 1.7, "your"),
                        new TimedText(1.7, 2.4, "country")),
                    "en")));
    assertEquals("ask for your country", text(merged));
  }

  @Test
  void aSpeakersOwnRepetitionInsideAChunkIsKept() {
    List<TimedText> merged =
        TranscriptMerger.merge(
            TWO,
            List.of(
                new ChunkTranscript(
                    0,
                    List.of(
                        new TimedText(2.0, 2.3, "very"),
                        new TimedText(2.3, 2.6, "very"),
                        new TimedText(2.6, 3.0, "good")),
                    "en"),
                new ChunkTranscript(1, List.of(), "en")));
    assertEquals("very very good", text(merged));
  }

  @Test
  void phraseSegmentsAtAJoinLoseOnlyTheRepeatedWords() {
    List<TimedText> merged =
        TranscriptMerger.merge(
            TWO,
            List.of(
                new ChunkTranscript(
                    0,
                    List.of(new TimedText(6.0, 9.8, "and so my fellow Americans ask not")),
                    null),
                new ChunkTranscript(
                    1,
                    List.of(new TimedText(0.5, 4.0, "ask not what your country can do")),
                    null)));
    assertEquals("and so my fellow Americans ask not what your country can do", text(merged));
  }

  @Test
  void startTimesNeverGoBackwards() {
    List<TimedText> merged =
        TranscriptMerger.merge(
            TWO,
            List.of(
                new ChunkTranscript(0, List.of(new TimedText(9.7, 9.95, "end")), "en"),
                new ChunkTranscript(1, List.of(new TimedText(0.65, 1.0, "next")), "en")));
    for (int i = 1; i < merged.size(); i++) {
      assertTrue(merged.get(i).start() >= merged.get(i - 1).start());
    }
  }
}
