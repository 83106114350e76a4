package dev.cast2md.worker.engine.parakeet;

/**
 * A non-blank token the decoder emitted at encoder {@code frame}, predicted to last {@code
 * duration} frames.
 */
public record EmittedToken(int id, int frame, int duration) {}
