package dev.cast2md.worker.engine.parakeet;

import dev.cast2md.worker.engine.EngineException;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy decoding of a Token-and-Duration Transducer, as NeMo, onnx-asr and sherpa-onnx do it: at
 * each encoder frame the joint picks a token and, separately, how many frames to skip. A blank with
 * duration 0 still advances one frame (otherwise the loop never ends); a frame emits at most {@code
 * maxSymbolsPerStep} tokens for the same reason. Only an emitted token advances the prediction
 * network's state.
 *
 * <p>Utterances are decoded together: every step asks the joint about all unfinished utterances in
 * one call, which keeps a GPU (or ONNX Runtime's thread pool) busy with one call instead of many
 * tiny ones.
 */
public final class TdtGreedyDecoder {
  private final int blank;
  private final int[] durations;
  private final int maxSymbolsPerStep;

  /**
   * @param blank the blank's id; token logits are [0, blank], duration logits follow
   * @param durations frames skipped per duration index ({@code [0, 1, 2, 3, 4]} for Parakeet)
   * @param maxSymbolsPerStep tokens one frame may emit before the decoder moves on (10 in onnx-asr)
   */
  public TdtGreedyDecoder(int blank, int[] durations, int maxSymbolsPerStep) {
    if (durations.length == 0 || maxSymbolsPerStep < 1) {
      throw new IllegalArgumentException("need at least one duration and one symbol per step");
    }
    this.blank = blank;
    this.durations = durations.clone();
    this.maxSymbolsPerStep = maxSymbolsPerStep;
  }

  /** Tokens per utterance, in order; {@code encodedLengths[i]} frames of utterance i are valid. */
  public List<List<EmittedToken>> decode(int[] encodedLengths, JointNetwork joint)
      throws EngineException, InterruptedException {
    int count = encodedLengths.length;
    int[] frame = new int[count];
    int[] emittedHere = new int[count];
    int[] lastToken = new int[count];
    JointNetwork.PredictorState[] state = new JointNetwork.PredictorState[count];
    List<List<EmittedToken>> tokens = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lastToken[i] = blank;
      state[i] = joint.initialState();
      tokens.add(new ArrayList<>());
    }
    List<Integer> active = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (encodedLengths[i] > 0) {
        active.add(i);
      }
    }
    while (!active.isEmpty()) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("decoding stopped");
      }
      List<JointNetwork.Query> queries = new ArrayList<>(active.size());
      for (int i : active) {
        queries.add(new JointNetwork.Query(i, frame[i], lastToken[i], state[i]));
      }
      List<JointNetwork.Score> scores = joint.score(queries);
      if (scores.size() != queries.size()) {
        throw new EngineException(
            "joint answered " + scores.size() + " scores for " + queries.size() + " queries");
      }
      List<Integer> stillActive = new ArrayList<>(active.size());
      for (int q = 0; q < queries.size(); q++) {
        int i = active.get(q);
        JointNetwork.Score score = scores.get(q);
        float[] logits = score.logits();
        if (logits.length != blank + 1 + durations.length) {
          throw new EngineException(
              "joint gave "
                  + logits.length
                  + " logits, expected "
                  + (blank + 1)
                  + " tokens + "
                  + durations.length
                  + " durations");
        }
        int token = argmax(logits, 0, blank + 1);
        int skip = durations[argmax(logits, blank + 1, logits.length) - blank - 1];
        if (token != blank) {
          tokens.get(i).add(new EmittedToken(token, frame[i], skip));
          state[i] = score.next();
          lastToken[i] = token;
          emittedHere[i]++;
        }
        if (skip > 0) {
          frame[i] += skip;
          emittedHere[i] = 0;
        } else if (token == blank || emittedHere[i] >= maxSymbolsPerStep) {
          frame[i] += 1;
          emittedHere[i] = 0;
        }
        if (frame[i] < encodedLengths[i]) {
          stillActive.add(i);
        }
      }
      active = stillActive;
    }
    return tokens;
  }

  /** Index of the largest value in [from, to); the first wins a tie, as numpy's argmax. */
  static int argmax(float[] values, int from, int to) {
    int best = from;
    for (int i = from + 1; i < to; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
