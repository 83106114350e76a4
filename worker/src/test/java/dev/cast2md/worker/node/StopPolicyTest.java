package dev.cast2md.worker.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StopPolicyTest {
  /** A clock the test moves by hand. */
  static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2026-11-29T10:00:00Z");

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  private final ManualClock clock = new ManualClock();

  private StopPolicy policy(boolean persistent) {
    return new StopPolicy(
        new StopSettings(
            persistent,
            2,
            Duration.ofSeconds(60),
            Duration.ofMinutes(10),
            Duration.ofMinutes(5),
            3),
        clock);
  }

  @Test
  void anEmptyQueueStopsOnlyOnTwoChecksAMinuteApart() {
    StopPolicy policy = policy(false);
    policy.queueEmpty();
    clock.advance(Duration.ofSeconds(5));
    policy.queueEmpty();
    clock.advance(Duration.ofSeconds(50));
    policy.queueEmpty();
    assertEquals(Optional.empty(), policy.evaluate(), "55 s of empty polls are one check");
    clock.advance(Duration.ofSeconds(5));
    policy.queueEmpty();
    assertEquals(Optional.of(StopReason.EMPTY_QUEUE), policy.evaluate());
  }

  @Test
  void workBetweenEmptyChecksStartsTheCountAgain() {
    StopPolicy policy = policy(false);
    policy.queueEmpty();
    clock.advance(Duration.ofSeconds(30));
    policy.workArrived();
    clock.advance(Duration.ofSeconds(31));
    policy.queueEmpty();
    assertEquals(Optional.empty(), policy.evaluate());
  }

  @Test
  void idleForTenMinutesStops() {
    StopPolicy policy = policy(false);
    clock.advance(Duration.ofMinutes(4));
    policy.serverReached();
    clock.advance(Duration.ofMinutes(4));
    policy.serverReached();
    assertEquals(Optional.empty(), policy.evaluate());
    clock.advance(Duration.ofMinutes(2));
    assertEquals(Optional.of(StopReason.IDLE), policy.evaluate());
  }

  @Test
  void aLongJobIsNotIdleTime() {
    StopPolicy policy = policy(false);
    policy.jobStarted();
    clock.advance(Duration.ofMinutes(30));
    assertEquals(Optional.empty(), policy.evaluate(), "nothing fires while transcribing");
    policy.serverReached();
    policy.jobSucceeded();
    clock.advance(Duration.ofMinutes(1));
    assertEquals(Optional.empty(), policy.evaluate());
  }

  @Test
  void anUnreachableServerStopsAfterFiveMinutes() {
    StopPolicy policy = policy(false);
    policy.workArrived();
    clock.advance(Duration.ofMinutes(5));
    assertEquals(Optional.of(StopReason.SERVER_UNREACHABLE), policy.evaluate());
  }

  @Test
  void threeEngineFailuresInARowTripTheBreakerAndASuccessResetsIt() {
    StopPolicy policy = policy(false);
    policy.jobFailed();
    policy.jobFailed();
    policy.jobSucceeded();
    policy.jobFailed();
    policy.jobFailed();
    assertEquals(Optional.empty(), policy.evaluate());
    policy.jobFailed();
    assertEquals(Optional.of(StopReason.FAILURES), policy.evaluate());
  }

  @Test
  void aPersistentNodeNeverStopsButStillKnowsTheBreakerTripped() {
    StopPolicy policy = policy(true);
    policy.jobFailed();
    policy.jobFailed();
    policy.jobFailed();
    policy.queueEmpty();
    clock.advance(Duration.ofHours(2));
    policy.queueEmpty();
    assertEquals(Optional.empty(), policy.evaluate());
    assertTrue(policy.breakerTripped());
  }

  @Test
  void aZeroDisablesARule() {
    StopPolicy policy =
        new StopPolicy(
            new StopSettings(false, 0, Duration.ofSeconds(60), Duration.ZERO, Duration.ZERO, 0),
            clock);
    for (int i = 0; i < 5; i++) {
      policy.queueEmpty();
      policy.jobFailed();
      clock.advance(Duration.ofHours(1));
    }
    assertEquals(Optional.empty(), policy.evaluate());
  }
}
