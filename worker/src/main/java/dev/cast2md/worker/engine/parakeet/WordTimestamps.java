package dev.cast2md.worker.engine.parakeet;

import dev.cast2md.worker.engine.TimedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges SentencePiece tokens into words with times. A word starts at its first token's frame and
 * ends where its last token's predicted duration ends; a token with duration 0 still gets one
 * frame, so that a word never ends before it starts. Punctuation pieces (no {@code ▁}) stick to the
 * word before them, as in the model's text.
 */
public final class WordTimestamps {
  private WordTimestamps() {}

  /**
   * @param frameSeconds seconds per encoder frame (10 ms hop x subsampling 8 = 80 ms)
   * @param chunkSeconds the chunk's length: no time lies beyond it
   */
  public static List<TimedText> words(
      List<EmittedToken> tokens, Vocabulary vocabulary, double frameSeconds, double chunkSeconds) {
    List<TimedText> words = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    double start = 0;
    double end = 0;
    for (EmittedToken token : tokens) {
      if (vocabulary.isControl(token.id())) {
        continue;
      }
      String piece = vocabulary.piece(token.id());
      boolean startsWord = !piece.isEmpty() && piece.charAt(0) == Vocabulary.WORD_START;
      String body = piece.replace(Vocabulary.WORD_START, ' ').strip();
      double tokenStart = Math.min(chunkSeconds, token.frame() * frameSeconds);
      double tokenEnd =
          Math.min(chunkSeconds, (token.frame() + Math.max(1, token.duration())) * frameSeconds);
      if (startsWord || text.length() == 0) {
        flush(words, text, start, end);
        start = tokenStart;
        end = tokenStart;
      }
      text.append(body);
      end = Math.max(end, tokenEnd);
    }
    flush(words, text, start, end);
    return words;
  }

  private static void flush(List<TimedText> words, StringBuilder text, double start, double end) {
    if (text.length() > 0) {
      words.add(new TimedText(round(start), round(Math.max(start, end)), text.toString()));
      text.setLength(0);
    }
  }

  private static double round(double seconds) {
    return Math.round(seconds * 1000) / 1000.0;
  }
}
