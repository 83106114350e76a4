package dev.cast2md.transcripts.control;

import dev.cast2md.transcripts.entity.Cue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Joins captions into paragraphs with the rules of the worker's {@code PhraseGrouper} (so that
 * publisher and own transcripts read alike): a new paragraph after a pause over 1.5 s, at 200
 * characters, at a sentence end once 40 characters long, when both sides are 40 characters long, or
 * past 80 characters at a 0.6 s pause; and, because publishers know who speaks, whenever the
 * speaker changes.
 */
public final class PhraseMerger {
  private static final double LONG_PAUSE = 1.5;
  private static final double SHORT_PAUSE = 0.6;
  private static final int MAX_CHARS = 200;
  private static final int SENTENCE_CHARS = 40;
  private static final int PAUSE_CHARS = 80;

  private PhraseMerger() {}

  public static List<Cue> merge(List<Cue> cues) {
    List<Cue> phrases = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    double start = 0;
    double end = 0;
    String speaker = null;
    for (Cue cue : cues) {
      String piece = cue.text().strip();
      if (piece.isEmpty()) {
        continue;
      }
      if (text.length() > 0 && startsNewPhrase(text, end, speaker, cue, piece)) {
        phrases.add(new Cue(start, end, speaker, text.toString()));
        text.setLength(0);
      }
      if (text.length() == 0) {
        start = cue.start();
        end = cue.end();
        speaker = cue.speaker();
      } else {
        text.append(' ');
      }
      text.append(piece);
      end = Math.max(end, cue.end());
    }
    if (text.length() > 0) {
      phrases.add(new Cue(start, end, speaker, text.toString()));
    }
    return phrases;
  }

  private static boolean startsNewPhrase(
      StringBuilder phrase, double phraseEnd, String speaker, Cue cue, String piece) {
    if (cue.speaker() != null && speaker != null && !Objects.equals(cue.speaker(), speaker)) {
      return true;
    }
    double gap = cue.start() - phraseEnd;
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
