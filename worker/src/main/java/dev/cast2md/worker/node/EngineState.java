package dev.cast2md.worker.node;

import dev.cast2md.worker.engine.Transcriber;

/**
 * Where the engine stands in the worker's start-up: loading (the model, which can take minutes on a
 * fresh pod), validating (the smoke test), ready, or failed with the reason.
 */
public record EngineState(Phase phase, String engine, String model, String device, String error) {
  public enum Phase {
    LOADING,
    VALIDATING,
    READY,
    FAILED
  }

  public static EngineState loading(String engine, String model) {
    return new EngineState(Phase.LOADING, engine, model, null, null);
  }

  public static EngineState ready(Transcriber transcriber) {
    return new EngineState(
        Phase.READY, transcriber.engine(), transcriber.model(), transcriber.device(), null);
  }

  public EngineState validating() {
    return new EngineState(Phase.VALIDATING, engine, model, device, null);
  }

  public EngineState failed(String why) {
    return new EngineState(Phase.FAILED, engine, model, device, why);
  }
}
