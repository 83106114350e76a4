package dev.cast2md.worker.engine;

/** The engine could not load or could not transcribe; the message says why, for the log. */
public class EngineException extends Exception {
  public EngineException(String message) {
    super(message);
  }

  public EngineException(String message, Throwable cause) {
    super(message, cause);
  }
}
