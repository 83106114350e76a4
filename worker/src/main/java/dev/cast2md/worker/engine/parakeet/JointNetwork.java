package dev.cast2md.worker.engine.parakeet;

import dev.cast2md.worker.engine.EngineException;
import java.util.List;

/**
 * The TDT prediction network and joint as the greedy decoder sees them: for several utterances at
 * once, score the next symbol at an encoder frame given the last emitted token and the prediction
 * network's state. The ONNX {@code decoder_joint} model implements it in production; tests pass
 * hand-built logits.
 */
public interface JointNetwork {

  /** The prediction network's state before any token (zeros). */
  PredictorState initialState();

  /** One answer per query, same order. */
  List<Score> score(List<Query> queries) throws EngineException;

  /**
   * @param utterance which utterance of the batch
   * @param frame encoder frame index within that utterance
   * @param lastToken the last emitted token, or the blank id at the start
   * @param state the prediction network's state after the tokens emitted so far
   */
  record Query(int utterance, int frame, int lastToken, PredictorState state) {}

  /**
   * @param logits token logits (vocabulary, then blank), then one logit per duration
   * @param next the state after consuming {@code lastToken}; kept only when a token is emitted
   */
  record Score(float[] logits, PredictorState next) {}

  /** Opaque to the decoder: the two LSTM state tensors of one utterance, flattened. */
  record PredictorState(float[] first, float[] second) {}
}
