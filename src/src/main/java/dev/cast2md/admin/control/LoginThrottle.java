package dev.cast2md.admin.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #LIMIT} failed logins from one address within a window,
 * further attempts from it are refused until the window has passed. Memory is bounded by dropping
 * every record when too many addresses are tracked (an attacker gains nothing by spraying addresses
 * that a per-address limit would not also give).
 */
public final class LoginThrottle {
  static final int LIMIT = 10;
  static final Duration WINDOW = Duration.ofMinutes(5);
  private static final int MAX_TRACKED = 10_000;

  private record Failures(int count, Instant since) {}

  private final ConcurrentHashMap<String, Failures> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  public boolean blocked(String address) {
    Failures f = failures.get(address);
    if (f == null) {
      return false;
    }
    if (f.since().plus(WINDOW).isBefore(clock.instant())) {
      failures.remove(address, f);
      return false;
    }
    return f.count() >= LIMIT;
  }

  public void failed(String address) {
    if (failures.size() > MAX_TRACKED) {
      failures.clear();
    }
    Instant now = clock.instant();
    failures.merge(
        address,
        new Failures(1, now),
        (old, one) ->
            old.since().plus(WINDOW).isBefore(now)
                ? one
                : new Failures(old.count() + 1, old.since()));
  }

  public void succeeded(String address) {
    failures.remove(address);
  }
}
