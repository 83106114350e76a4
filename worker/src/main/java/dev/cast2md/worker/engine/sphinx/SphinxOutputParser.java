package dev.cast2md.worker.engine.sphinx;

import dev.cast2md.worker.engine.TimedText;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the word lines {@code pocketsphinx_continuous -time yes} prints ({@code word start end
 * confidence}); drops sentence markers, silences and noise fillers, and the {@code (2)} marks of
 * alternative pronunciations.
 */
public final class SphinxOutputParser {
  private static final Pattern WORD_LINE =
      Pattern.compile("^(\\S+) (\\d+\\.\\d+) (\\d+\\.\\d+) (-?\\d+(?:\\.\\d+)?)$");

  private SphinxOutputParser() {}

  public static List<TimedText> parse(String stdout) {
    List<TimedText> words = new ArrayList<>();
    for (String line : stdout.split("\\R")) {
      Matcher m = WORD_LINE.matcher(line.strip());
      if (!m.matches()) {
        continue;
      }
      String word = m.group(1);
      if (isFiller(word)) {
        continue;
      }
      words.add(
          new TimedText(
              Double.parseDouble(m.group(2)),
              Double.parseDouble(m.group(3)),
              word.replaceAll("\\(\\d+\\)$", "")));
    }
    return words;
  }

  private static boolean isFiller(String word) {
    return word.startsWith("<") || word.startsWith("[") || word.startsWith("++");
  }
}
