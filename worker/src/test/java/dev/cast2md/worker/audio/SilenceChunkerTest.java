package dev.cast2md.worker.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SilenceChunkerTest {
  private static final int RATE = DecodedAudio.SAMPLE_RATE;

  /** 100 frames per second: loud everywhere except the given silent seconds. */
  private static float[] speechWithPausesAt(int seconds, double... pauses) {
    float[] energies = new float[seconds * 100];
    Arrays.fill(energies, 0.3f);
    for (double pause : pauses) {
      for (int f = (int) (pause * 100) - 20; f < (int) (pause * 100) + 20; f++) {
        energies[f] = 0.001f;
      }
    }
    return energies;
  }

  @Test
  void shortAudioIsOneChunk() {
    List<ChunkSpan> plan = new SilenceChunker(30, 1).plan(new float[1000], 10L * RATE);
    assertEquals(List.of(new ChunkSpan(0, 0, 10L * RATE, 0, 10L * RATE)), plan);
  }

  @Test
  void cutsFallInThePausesAndChunksStayUnderTheLimit() {
    List<ChunkSpan> plan =
        new SilenceChunker(30, 1).plan(speechWithPausesAt(100, 22.0, 47.5, 71.0), 100L * RATE);
    assertEquals(4, plan.size());
    assertEquals(22.0, plan.get(0).ownEndSeconds(), 0.2);
    assertEquals(47.5, plan.get(1).ownEndSeconds(), 0.2);
    assertEquals(71.0, plan.get(2).ownEndSeconds(), 0.2);
    for (ChunkSpan span : plan) {
      double ownLength = span.ownEndSeconds() - span.ownStartSeconds();
      assertTrue(ownLength <= 30.0, "chunk " + span + " longer than 30 s");
    }
  }

  @Test
  void ownedRangesTileTheEpisodeAndHeardRangesOverlapByTheMargin() {
    List<ChunkSpan> plan =
        new SilenceChunker(30, 1).plan(speechWithPausesAt(100, 22.0, 47.5, 71.0), 100L * RATE);
    assertEquals(0, plan.get(0).ownStart());
    assertEquals(100L * RATE, plan.get(plan.size() - 1).ownEnd());
    for (int i = 1; i < plan.size(); i++) {
      assertEquals(plan.get(i - 1).ownEnd(), plan.get(i).ownStart());
      assertEquals(plan.get(i).ownStart() - RATE, plan.get(i).start());
      assertEquals(plan.get(i - 1).ownEnd() + RATE, plan.get(i - 1).end());
    }
  }

  @Test
  void continuousSpeechIsStillCutBelowTheLimit() {
    float[] energies = new float[6 * 3600 * 100];
    Arrays.fill(energies, 0.3f);
    List<ChunkSpan> plan = new SilenceChunker(60, 1).plan(energies, 6L * 3600 * RATE);
    assertTrue(plan.size() >= 360, "six hours in chunks of at most a minute");
    assertTrue(plan.stream().allMatch(s -> s.ownEnd() - s.ownStart() <= 60L * RATE));
  }
}
