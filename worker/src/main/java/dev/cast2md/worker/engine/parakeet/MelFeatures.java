package dev.cast2md.worker.engine.parakeet;

/**
 * Log-mel features of one chunk, laid out [mels][frames] as the encoder's {@code audio_signal}
 * wants them; frames beyond {@code validFrames} are zero, as NeMo pads them.
 */
record MelFeatures(float[] values, int mels, int frames, int validFrames) {
  float get(int mel, int frame) {
    return values[mel * frames + frame];
  }
}
