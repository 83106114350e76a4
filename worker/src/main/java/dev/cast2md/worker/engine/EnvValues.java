package dev.cast2md.worker.engine;

import java.util.Map;

/** Reading the engines' and batching's numeric settings from the environment, one rule for all. */
public final class EnvValues {
  private EnvValues() {}

  /** A whole number ≥ 0, or the fallback when unset; anything else is a clear error. */
  public static int nonNegative(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value.strip());
      if (parsed < 0) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          name + " must be a whole number of 0 or more, was '" + value + "'");
    }
  }
}
