package dev.cast2md.platform.boundary;

import java.util.function.Function;

/** The checks every listing applies to its query parameters, each answered as 422 when wrong. */
public final class QueryParams {
  public static final int MAX_PAGE = 500;

  private QueryParams() {}

  /** A page size of 1 to {@link #MAX_PAGE} and an offset that is not negative. */
  public static void checkPage(int limit, int offset) {
    if (limit < 1 || limit > MAX_PAGE || offset < 0) {
      throw new InvalidRequestException(
          "limit must be 1 to " + MAX_PAGE + " and offset not negative");
    }
  }

  /** An optional enum value (null when absent), or 422 naming what was not understood. */
  public static <E> E optionalEnum(String value, Function<String, E> parser, String what) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException("Unknown " + what + " '" + value + "'");
    }
  }
}
