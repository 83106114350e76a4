package dev.cast2md.pods.control.runpod;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Joins an argument list into one POSIX shell string that splits back into the same words. */
final class ShellWords {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private ShellWords() {}

  static String join(List<String> words) {
    return words.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
  }

  static String quote(String word) {
    if (PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
