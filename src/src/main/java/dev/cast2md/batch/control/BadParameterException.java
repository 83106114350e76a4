package dev.cast2md.batch.control;

/** A job name or parameter the server cannot run; the message says what is wrong. */
public class BadParameterException extends RuntimeException {
  public BadParameterException(String message) {
    super(message);
  }
}
