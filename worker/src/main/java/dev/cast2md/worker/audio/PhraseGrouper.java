package dev.cast2md.worker.audio;

import dev.cast2md.worker.engine.TimedText;
import java.util.ArrayList;
import java.util.List;

/**
 * Joins words (or short segments) into paragraphs with cast2md's rules: a new one after a pause of
 * more than 1.5 s, at 200 characters, at a sentence end once 40 characters long, or when both sides
 * are already 40 characters long. Engines without punctuation (sphinx) would otherwise produce
 * 200-character walls, so a pause of 0.6 s also ends a paragraph past 80 characters.
 */
public final class PhraseGrouper {
  private static final double LONG_PAUSE = 1.5;
  private static final double SHORT_PAUSE = 0.6;
  private static final int MAX_CHARS = 200;
  private static final int SENTENCE_CHARS = 40;
  private static final int PAUSE_CHARS = 80;

  private PhraseGrouper() {}

  public static List<TimedText> group(List<TimedText> items) {
    List<TimedText> phrases = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    double start = 0;
    double end = 0;
    for (TimedText item : items) {
      String piece = item.text().strip();
      if (piece.isEmpty()) {
        continue;
      }
      if (text.length() > 0 && startsNewPhrase(text, end, item, piece)) {
        phrases.add(new TimedText(start, end, text.toString()));
        text.setLength(0);
      }
      if (text.length() == 0) {
        start = item.start();
      } else {
        text.append(' ');
      }
      text.append(piece);
      end = Math.max(end, item.end());
    }
    if (text.length() > 0) {
      phrases.add(new TimedText(start, end, text.toString()));
    }
    return phrases;
  }

  private static boolean startsNewPhrase(
      StringBuilder phrase, double phraseEnd, TimedText item, String piece) {
    double gap = item.start() - phraseEnd;
    int length = phrase.length();
    char lastChar = phrase.charAt(length - 1);
    boolean sentenceEnd = lastChar == '.' || lastChar == '!' || lastChar == '?';
    return gap > LONG_PAUSE
        || length >= MAX_CHARS
        || (length >= SENTENCE_CHARS && sentenceEnd)
        || (length >= SENTENCE_CHARS && piece.length() >= SENTENCE_CHARS)
        || (length >= PAUSE_CHARS && gap >= SHORT_PAUSE);
  }
}
