package dev.cast2md.nodes.boundary;

/** One HTTP byte range, inclusive at both ends. */
record ByteRange(long start, long end) {
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  long length() {
    return end - start + 1;
  }

  /**
   * Parses a {@code Range} header against a resource of {@code size} bytes: null when there is no
   * usable single range (serve everything), {@link #UNSATISFIABLE} when it lies outside the file.
   */
  static ByteRange parse(String header, long size) {
    if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
      return null;
    }
    String spec = header.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String from = spec.substring(0, dash).trim();
      String to = spec.substring(dash + 1).trim();
      if (from.isEmpty()) {
        long suffix = Long.parseLong(to);
        if (suffix <= 0) {
          return UNSATISFIABLE;
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long start = Long.parseLong(from);
      long end = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
      if (start >= size || start > end) {
        return UNSATISFIABLE;
      }
      return new ByteRange(start, end);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
