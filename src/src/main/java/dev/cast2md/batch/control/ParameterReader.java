package dev.cast2md.batch.control;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads job parameters strictly, whether they come as JSON values (numbers, booleans, arrays) from
 * the API or as the strings the batch runtime keeps: an unknown name, a wrong type or a value out
 * of range is an error that names the parameter and what it accepts.
 */
final class ParameterReader {
  private final String job;
  private final Map<String, ?> raw;

  ParameterReader(String job, Map<String, ?> raw, Set<String> known) {
    this.job = job;
    this.raw = raw == null ? Map.of() : raw;
    for (String name : this.raw.keySet()) {
      if (!known.contains(name)) {
        throw new BadParameterException(
            "Unknown parameter '"
                + name
                + "' for "
                + job
                + "; known: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  private Object value(String name) {
    Object v = raw.get(name);
    if (v instanceof String s && s.isBlank()) {
      return null;
    }
    return v;
  }

  private BadParameterException bad(String name, String expected, Object got) {
    return new BadParameterException(
        "Parameter '" + name + "' of " + job + " must be " + expected + ", got '" + got + "'");
  }

  Integer integer(String name, int min, int max) {
    Object v = value(name);
    if (v == null) {
      return null;
    }
    String expected = "a whole number from " + min + " to " + max;
    long n;
    try {
      if (v instanceof Number number) {
        BigDecimal d = new BigDecimal(number.toString());
        n = d.longValueExact();
      } else if (v instanceof String s) {
        n = Long.parseLong(s.trim());
      } else {
        throw bad(name, expected, v);
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw bad(name, expected, v);
    }
    if (n < min || n > max) {
      throw bad(name, expected, v);
    }
    return (int) n;
  }

  int integer(String name, int min, int max, int fallback) {
    Integer n = integer(name, min, max);
    return n == null ? fallback : n;
  }

  boolean flag(String name, boolean fallback) {
    Object v = value(name);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    if (v instanceof String s) {
      String f = s.trim().toLowerCase();
      if (f.equals("true") || f.equals("false")) {
        return f.equals("true");
      }
    }
    throw bad(name, "true or false", v);
  }

  String text(String name, int maxLength) {
    Object v = value(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.length() > maxLength) {
      throw bad(name, "a text of at most " + maxLength + " characters", v);
    }
    return s.trim();
  }

  /** A list of words: a JSON array of strings or one comma-separated string. */
  List<String> words(String name) {
    Object v = value(name);
    List<String> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    Collection<?> items = v instanceof Collection<?> c ? c : List.of(v);
    for (Object item : items) {
      if (!(item instanceof String s)) {
        throw bad(name, "a list of names", v);
      }
      for (String part : s.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  /** A list of ids: a JSON array of numbers or one comma-separated string. */
  List<Long> ids(String name, int maxCount) {
    Object v = value(name);
    List<Long> out = new ArrayList<>();
    if (v == null) {
      return out;
    }
    String expected = "a list of at most " + maxCount + " positive ids";
    Collection<?> items = v instanceof Collection<?> c ? c : List.of(v);
    for (Object item : items) {
      List<String> parts =
          item instanceof String s ? List.of(s.split(",")) : List.of(String.valueOf(item));
      for (String part : parts) {
        if (part.isBlank()) {
          continue;
        }
        long id;
        try {
          id =
              item instanceof Number
                  ? new BigDecimal(part.trim()).longValueExact()
                  : Long.parseLong(part.trim());
        } catch (ArithmeticException | NumberFormatException e) {
          throw bad(name, expected, v);
        }
        if (id < 1) {
          throw bad(name, expected, v);
        }
        if (!out.contains(id)) {
          out.add(id);
        }
      }
    }
    if (out.size() > maxCount) {
      throw bad(name, expected, v);
    }
    return out;
  }

  /** A date (2024-05-01, midnight UTC) or an ISO-8601 instant (2024-05-01T12:00:00Z). */
  Instant time(String name) {
    Object v = value(name);
    if (v == null) {
      return null;
    }
    String s = String.valueOf(v).trim();
    try {
      return s.length() == 10
          ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw bad(name, "a date (2024-05-01) or an ISO-8601 instant (2024-05-01T12:00:00Z)", v);
    }
  }
}
