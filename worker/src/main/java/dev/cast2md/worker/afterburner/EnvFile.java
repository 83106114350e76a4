package dev.cast2md.worker.afterburner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A {@code .env} file as {@code source .env} would read the simple lines of one: {@code KEY=value},
 * optionally {@code export}ed and quoted; comments and blank lines skipped. Variables already in
 * the environment win, so that {@code X=1 afterburner --env-file .env} overrides the file.
 */
final class EnvFile {
  private EnvFile() {}

  static Map<String, String> merge(Map<String, String> env, Path file) throws IOException {
    Map<String, String> merged = new HashMap<>();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("export ")) {
        line = line.substring("export ".length()).strip();
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      merged.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
    }
    merged.putAll(env);
    return merged;
  }

  private static String unquote(String v) {
    if (v.length() >= 2
        && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
      return v.substring(1, v.length() - 1);
    }
    int comment = v.indexOf(" #");
    return comment >= 0 ? v.substring(0, comment).strip() : v;
  }
}
