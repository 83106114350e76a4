package dev.cast2md.worker.audio;

import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.TimedText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Puts the chunks of an episode back together: times are shifted to the episode, each word or
 * phrase is kept only by the chunk that owns its midpoint, and words that both chunks still kept at
 * a join (each engine run places a word slightly differently) are trimmed from the later one.
 * Trimming is only tried at joins, so a speaker's own "very very" inside a chunk stays.
 */
public final class TranscriptMerger {
  /** The longest run of repeated words looked for at a join. */
  private static final int MAX_REPEAT_WORDS = 8;

  /** A chunk whose first kept item starts this close to the previous end may repeat it. */
  private static final double JOIN_TOLERANCE_SECONDS = 0.5;

  private TranscriptMerger() {}

  public static List<TimedText> merge(List<ChunkSpan> spans, List<ChunkTranscript> transcripts) {
    List<TimedText> merged = new ArrayList<>();
    for (ChunkTranscript transcript : transcripts) {
      ChunkSpan span = spans.get(transcript.index());
      boolean first = transcript.index() == 0;
      boolean last = transcript.index() == spans.size() - 1;
      List<TimedText> owned = new ArrayList<>();
      for (TimedText item : transcript.items()) {
        TimedText absolute = item.shifted(span.offsetSeconds());
        double mid = absolute.midpoint();
        boolean mine =
            (first || mid >= span.ownStartSeconds()) && (last || mid < span.ownEndSeconds());
        if (mine && !absolute.text().isBlank()) {
          owned.add(new TimedText(absolute.start(), absolute.end(), absolute.text().strip()));
        }
      }
      if (!merged.isEmpty()
          && !owned.isEmpty()
          && owned.get(0).start() < merged.get(merged.size() - 1).end() + JOIN_TOLERANCE_SECONDS) {
        owned = dropRepeatedWords(recentWords(merged), owned);
      }
      for (TimedText item : owned) {
        appendInOrder(merged, item);
      }
    }
    return merged;
  }

  /** Keeps start times non-decreasing even where two chunks disagree by a few milliseconds. */
  private static void appendInOrder(List<TimedText> merged, TimedText item) {
    double floor = merged.isEmpty() ? 0 : merged.get(merged.size() - 1).start();
    double start = Math.max(item.start(), floor);
    merged.add(new TimedText(start, Math.max(start, item.end()), item.text()));
  }

  /** The last words already merged, across items: word-level engines give one word per item. */
  private static List<String> recentWords(List<TimedText> merged) {
    List<String> words = new ArrayList<>();
    for (int i = merged.size() - 1; i >= 0 && words.size() < MAX_REPEAT_WORDS; i--) {
      String[] itemWords = words(merged.get(i).text());
      for (int w = itemWords.length - 1; w >= 0 && words.size() < MAX_REPEAT_WORDS; w--) {
        words.add(0, itemWords[w]);
      }
    }
    return words;
  }

  /** Removes from the start of {@code items} the longest word run that repeats {@code tail}. */
  static List<TimedText> dropRepeatedWords(List<String> tail, List<TimedText> items) {
    List<String> head = new ArrayList<>();
    for (TimedText item : items) {
      head.addAll(Arrays.asList(words(item.text())));
      if (head.size() >= MAX_REPEAT_WORDS) {
        break;
      }
    }
    int repeat = 0;
    for (int k = Math.min(Math.min(tail.size(), head.size()), MAX_REPEAT_WORDS); k > 0; k--) {
      boolean same = true;
      for (int i = 0; i < k && same; i++) {
        same = normal(tail.get(tail.size() - k + i)).equals(normal(head.get(i)));
      }
      if (same) {
        repeat = k;
        break;
      }
    }
    List<TimedText> kept = new ArrayList<>();
    for (TimedText item : items) {
      String[] itemWords = words(item.text());
      if (repeat >= itemWords.length) {
        repeat -= itemWords.length;
        continue;
      }
      String text = String.join(" ", Arrays.copyOfRange(itemWords, repeat, itemWords.length));
      repeat = 0;
      kept.add(new TimedText(item.start(), item.end(), text));
    }
    return kept;
  }

  private static String[] words(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
  }

  private static String normal(String word) {
    return word.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}']", "");
  }
}
