package dev.cast2md.admin.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  final MutableClock clock = MutableClock.startingNow();
  final LoginThrottle throttle = new LoginThrottle(clock);

  @Test
  void tooManyFailuresBlockAnAddressForAWhile() {
    for (int i = 0; i < LoginThrottle.LIMIT; i++) {
      assertFalse(throttle.blocked("10.0.0.1"));
      throttle.failed("10.0.0.1");
    }
    assertTrue(throttle.blocked("10.0.0.1"));
    assertFalse(throttle.blocked("10.0.0.2"), "per address");
    clock.advance(LoginThrottle.WINDOW.plus(Duration.ofSeconds(1)));
    assertFalse(throttle.blocked("10.0.0.1"));
  }

  @Test
  void aSuccessClearsTheCount() {
    for (int i = 0; i < LoginThrottle.LIMIT - 1; i++) {
      throttle.failed("a");
    }
    throttle.succeeded("a");
    throttle.failed("a");
    assertFalse(throttle.blocked("a"));
  }
}
