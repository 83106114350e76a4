package dev.cast2md.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The one rule for cutting a transcript into Markdown paragraphs, shared by the worker (words an
 * engine heard) and the server (a publisher's captions), so that both read alike: a new paragraph
 * after a pause of more than 1.5 s, at 200 characters, at a sentence end once 40 characters long,
 * when both sides are already 40 characters long, past 80 characters at a 0.6 s pause (engines
 * without punctuation would otherwise give 200-character walls), and whenever the speaker changes.
 */
public final class Paragraphs {
  private static final double LONG_PAUSE = 1.5;
  private static final double SHORT_PAUSE = 0.6;
  private static final int MAX_CHARS = 200;
  private static final int SENTENCE_CHARS = 40;
  private static final int PAUSE_CHARS = 80;

  private Paragraphs() {}

  /** A word or caption with its times in seconds; the speaker is optional. */
  public interface Timed {
    double start();

    double end();

    String text();

    default String speaker() {
      return null;
    }
  }

  /** Makes the caller's own type from a finished paragraph. */
  @FunctionalInterface
  public interface Factory<P> {
    P create(double start, double end, String speaker, String text);
  }

  public static <P> List<P> group(List<? extends Timed> items, Factory<P> factory) {
    List<P> paragraphs = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    double start = 0;
    double end = 0;
    String speaker = null;
    for (Timed item : items) {
      String piece = item.text() == null ? "" : item.text().strip();
      if (piece.isEmpty()) {
        continue;
      }
      if (text.length() > 0 && startsNew(text, end, speaker, item, piece)) {
        paragraphs.add(factory.create(start, end, speaker, text.toString()));
        text.setLength(0);
      }
      if (text.length() == 0) {
        start = item.start();
        end = item.end();
        speaker = item.speaker();
      } else {
        text.append(' ');
      }
      text.append(piece);
      end = Math.max(end, item.end());
    }
    if (text.length() > 0) {
      paragraphs.add(factory.create(start, end, speaker, text.toString()));
    }
    return paragraphs;
  }

  private static boolean startsNew(
      StringBuilder paragraph, double paragraphEnd, String speaker, Timed item, String piece) {
    if (item.speaker() != null && speaker != null && !Objects.equals(item.speaker(), speaker)) {
      return true;
    }
    double gap = item.start() - paragraphEnd;
    int length = paragraph.length();
    char lastChar = paragraph.charAt(length - 1);
    boolean sentenceEnd = lastChar == '.' || lastChar == '!' || lastChar == '?';
    return gap > LONG_PAUSE
        || length >= MAX_CHARS
        || (length >= SENTENCE_CHARS && sentenceEnd)
        || (length >= SENTENCE_CHARS && piece.length() >= SENTENCE_CHARS)
        || (length >= PAUSE_CHARS && gap >= SHORT_PAUSE);
  }
}
