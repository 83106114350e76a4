package dev.cast2md.pods.control;

/** A pod that may not be created now; the message says why, for the operator. */
public class PodRefusedException extends RuntimeException {
  public PodRefusedException(String reason) {
    super(reason);
  }
}
