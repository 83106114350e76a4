package dev.cast2md.worker.engine.parakeet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.TimedText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WordTimestampsTest {
  @TempDir Path dir;

  private Vocabulary vocabulary() throws Exception {
    Path file = dir.resolve("vocab.txt");
    Files.writeString(
        file, "<unk> 0\n▁ask 1\n▁not 2\n▁coun 3\ntry 4\n, 5\n. 6\n▁what 7\n<blk> 8\n");
    return Vocabulary.read(file);
  }

  @Test
  void piecesMergeIntoWordsWithFrameTimes() throws Exception {
    Vocabulary v = vocabulary();
    assertEquals(8, v.blank());
    List<EmittedToken> tokens =
        List.of(
            new EmittedToken(1, 2, 3), // ▁ask  0.16-0.40
            new EmittedToken(2, 5, 2), // ▁not  0.40-0.56
            new EmittedToken(5, 7, 0), // ,     sticks to "not"; duration 0 still one frame
            new EmittedToken(0, 8, 1), // <unk> never text
            new EmittedToken(3, 10, 1), // ▁coun
            new EmittedToken(4, 11, 2), // try  -> "country" 0.80-1.04
            new EmittedToken(6, 13, 1)); // .
    List<TimedText> words = WordTimestamps.words(tokens, v, 0.08, 30);
    assertEquals(
        List.of(
            new TimedText(0.16, 0.4, "ask"),
            new TimedText(0.4, 0.64, "not,"),
            new TimedText(0.8, 1.12, "country.")),
        words);
  }

  @Test
  void timesNeverPassTheChunkEnd() throws Exception {
    List<TimedText> words =
        WordTimestamps.words(List.of(new EmittedToken(7, 12, 4)), vocabulary(), 0.08, 1.0);
    assertEquals(List.of(new TimedText(0.96, 1.0, "what")), words);
  }

  @Test
  void aVocabularyWithoutBlankIsRefused() throws Exception {
    Path file = dir.resolve("bad.txt");
    Files.writeString(file, "▁a 0\n▁b 1\n");
    assertThrows(EngineException.class, () -> Vocabulary.read(file));
  }
}
