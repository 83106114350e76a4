package dev.cast2md.worker.engine.parakeet;

/**
 * The encoder's answer for a batch: {@code values} laid out [utterance][dim][frame] as the ONNX
 * {@code outputs} tensor, and the valid frames of each utterance.
 */
record EncodedBatch(float[] values, int utterances, int dim, int frames, int[] lengths) {

  /** Copies frame {@code frame} of {@code utterance} (dim values) into {@code target}. */
  void copyFrame(int utterance, int frame, float[] target, int offset) {
    int base = utterance * dim * frames + frame;
    for (int d = 0; d < dim; d++) {
      target[offset + d] = values[base + d * frames];
    }
  }
}
