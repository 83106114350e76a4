package dev.cast2md.worker.engine.parakeet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cast2md.worker.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * The TDT loop on hand-built joint outputs: vocabulary of 3 tokens + blank (id 3), durations [0, 1,
 * 2, 3, 4]. The joint is a function of (utterance, frame, how many tokens that frame already
 * emitted) so that every expectation below can be worked out by hand.
 */
class TdtGreedyDecoderTest {
  private static final int BLANK = 3;
  private static final int[] DURATIONS = {0, 1, 2, 3, 4};

  /** Logits choosing {@code token} and duration index {@code duration}. */
  private static float[] choose(int token, int duration) {
    float[] logits = new float[BLANK + 1 + DURATIONS.length];
    logits[token] = 5f;
    logits[BLANK + 1 + duration] = 3f;
    return logits;
  }

  /** A joint scripted per (frame, emissions so far at that frame); it records every query. */
  private static final class ScriptedJoint implements JointNetwork {
    final List<Query> seen = new ArrayList<>();
    final BiFunction<Query, Integer, float[]> script;
    private final int[][] emittedAt = new int[4][64];

    ScriptedJoint(BiFunction<Query, Integer, float[]> script) {
      this.script = script;
    }

    @Override
    public PredictorState initialState() {
      return new PredictorState(new float[] {0}, new float[] {0});
    }

    @Override
    public List<Score> score(List<Query> queries) {
      List<Score> scores = new ArrayList<>();
      for (Query q : queries) {
        seen.add(q);
        float[] logits = script.apply(q, emittedAt[q.utterance()][q.frame()]);
        int token = TdtGreedyDecoder.argmax(logits, 0, BLANK + 1);
        if (token != BLANK) {
          emittedAt[q.utterance()][q.frame()]++;
        }
        // the state counts the tokens consumed: only emitted tokens may advance it
        float count = q.state().first()[0] + 1;
        scores.add(new Score(logits, new PredictorState(new float[] {count}, new float[] {count})));
      }
      return scores;
    }
  }

  private static List<EmittedToken> decodeOne(int frames, ScriptedJoint joint, int maxSymbols)
      throws Exception {
    return new TdtGreedyDecoder(BLANK, DURATIONS, maxSymbols)
        .decode(new int[] {frames}, joint)
        .get(0);
  }

  @Test
  void blankWithDurationZeroStillAdvancesOneFrame() throws Exception {
    ScriptedJoint joint = new ScriptedJoint((q, n) -> choose(BLANK, 0));
    assertEquals(List.of(), decodeOne(5, joint, 10));
    assertEquals(5, joint.seen.size(), "one joint call per frame");
    for (int f = 0; f < 5; f++) {
      assertEquals(f, joint.seen.get(f).frame());
    }
  }

  @Test
  void durationsSkipFrames() throws Exception {
    // frame 0: token 1 lasting 2 frames -> next look is frame 2; frame 2: token 2 lasting 4 -> 6.
    ScriptedJoint joint =
        new ScriptedJoint(
            (q, n) ->
                switch (q.frame()) {
                  case 0 -> choose(1, 2);
                  case 2 -> choose(2, 4);
                  default -> choose(BLANK, 1);
                });
    List<EmittedToken> tokens = decodeOne(8, joint, 10);
    assertEquals(List.of(new EmittedToken(1, 0, 2), new EmittedToken(2, 2, 4)), tokens);
    assertEquals(List.of(0, 2, 6, 7), joint.seen.stream().map(JointNetwork.Query::frame).toList());
  }

  @Test
  void blankWithADurationSkipsToo() throws Exception {
    ScriptedJoint joint =
        new ScriptedJoint((q, n) -> q.frame() == 3 ? choose(0, 1) : choose(BLANK, 3));
    assertEquals(List.of(new EmittedToken(0, 3, 1)), decodeOne(6, joint, 10));
    assertEquals(List.of(0, 3, 4), joint.seen.stream().map(JointNetwork.Query::frame).toList());
  }

  @Test
  void aFrameEmitsSeveralTokensWithDurationZeroThenMovesOnAtBlank() throws Exception {
    // frame 0 emits 0, 1 (duration 0: stay), then blank; frame 1 onwards blank.
    ScriptedJoint joint =
        new ScriptedJoint((q, n) -> q.frame() == 0 && n < 2 ? choose(n, 0) : choose(BLANK, 0));
    List<EmittedToken> tokens = decodeOne(3, joint, 10);
    assertEquals(List.of(new EmittedToken(0, 0, 0), new EmittedToken(1, 0, 0)), tokens);
    // the second query at frame 0 feeds back the first token, the third the second
    assertEquals(BLANK, joint.seen.get(0).lastToken());
    assertEquals(0, joint.seen.get(1).lastToken());
    assertEquals(1, joint.seen.get(2).lastToken());
  }

  @Test
  void maxSymbolsPerStepForcesTheNextFrame() throws Exception {
    // a joint that would emit token 2 forever without moving
    ScriptedJoint joint = new ScriptedJoint((q, n) -> choose(2, 0));
    List<EmittedToken> tokens = decodeOne(3, joint, 4);
    assertEquals(12, tokens.size(), "4 per frame on 3 frames");
    for (int f = 0; f < 3; f++) {
      for (int k = 0; k < 4; k++) {
        assertEquals(f, tokens.get(f * 4 + k).frame());
      }
    }
  }

  @Test
  void onlyEmittedTokensAdvanceThePredictionState() throws Exception {
    // blank, token, blank, token: the state seen must count tokens only (0, 0, 1, 1)
    ScriptedJoint joint =
        new ScriptedJoint((q, n) -> q.frame() % 2 == 1 ? choose(0, 1) : choose(BLANK, 1));
    decodeOne(4, joint, 10);
    assertEquals(
        List.of(0f, 0f, 1f, 1f), joint.seen.stream().map(q -> q.state().first()[0]).toList());
  }

  @Test
  void utterancesInOneBatchDecodeAsTheyWouldAlone() throws Exception {
    BiFunction<JointNetwork.Query, Integer, float[]> script =
        (q, n) -> {
          int pick = (q.frame() * 7 + q.utterance() * 3 + n) % 5;
          return pick < 3 && n < 2 ? choose(pick, q.frame() % 3) : choose(BLANK, pick % 2);
        };
    int[] lengths = {9, 0, 4};
    List<List<EmittedToken>> together =
        new TdtGreedyDecoder(BLANK, DURATIONS, 10).decode(lengths, new ScriptedJoint(script));
    for (int u = 0; u < lengths.length; u++) {
      int only = u;
      ScriptedJoint alone =
          new ScriptedJoint(
              (q, n) ->
                  script.apply(
                      new JointNetwork.Query(only, q.frame(), q.lastToken(), q.state()), n));
      List<EmittedToken> single =
          new TdtGreedyDecoder(BLANK, DURATIONS, 10).decode(new int[] {lengths[u]}, alone).get(0);
      assertEquals(single, together.get(u), "utterance " + u);
    }
    assertEquals(List.of(), together.get(1), "an empty utterance yields nothing");
  }

  @Test
  void aJointOfTheWrongWidthIsAnError() {
    ScriptedJoint joint = new ScriptedJoint((q, n) -> new float[4]);
    assertThrows(EngineException.class, () -> decodeOne(2, joint, 10));
  }
}
