package dev.cast2md.it;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for what a running server and its workers will eventually do, with a deadline. */
final class Await {
  private Await() {}

  static void until(String what, Duration timeout, BooleanSupplier condition) {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (condition.getAsBoolean()) {
        return;
      }
      LibertyServer.sleep(250);
    }
    throw new AssertionError("timed out waiting until " + what);
  }
}
