package dev.cast2md.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared feed and transcript test data, read where it lies (never copied into the repo). */
public final class TestFeeds {
  private TestFeeds() {}

  public static Path dir() {
    return Path.of(System.getProperty("test.feeds.dir", "../../shared/testdata/feeds"));
  }

  public static Path path(String name) {
    return dir().resolve(name);
  }

  public static String text(String name) {
    try {
      return Files.readString(path(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static byte[] bytes(String name) {
    try {
      return Files.readAllBytes(path(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
