package dev.cast2md.worker.engine;

import java.util.Arrays;
import java.util.Locale;

/**
 * Word-level Levenshtein distance over the reference length, after normalising case/punctuation.
 */
public final class WordErrorRate {
  private WordErrorRate() {}

  public static double of(String reference, String hypothesis) {
    String[] ref = words(reference);
    String[] hyp = words(hypothesis);
    int[][] d = new int[ref.length + 1][hyp.length + 1];
    for (int i = 0; i <= ref.length; i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= hyp.length; j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= ref.length; i++) {
      for (int j = 1; j <= hyp.length; j++) {
        int substitution = d[i - 1][j - 1] + (ref[i - 1].equals(hyp[j - 1]) ? 0 : 1);
        d[i][j] = Math.min(substitution, Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1));
      }
    }
    return d[ref.length][hyp.length] / (double) ref.length;
  }

  static String[] words(String text) {
    return Arrays.stream(
            text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9' ]", " ").strip().split("\\s+"))
        .filter(w -> !w.isEmpty())
        .toArray(String[]::new);
  }
}
