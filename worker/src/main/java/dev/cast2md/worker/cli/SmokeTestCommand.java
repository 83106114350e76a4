package dev.cast2md.worker.cli;

import dev.cast2md.worker.engine.SmokeTest;
import dev.cast2md.worker.engine.Transcriber;
import dev.cast2md.worker.engine.TranscriberFactory;
import dev.cast2md.worker.logging.EventLog;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "smoke-test",
    description =
        "Load the configured engine and transcribe 1 s of silence within the time limit;"
            + " exit 0 when it works, 4 when it does not.")
final class SmokeTestCommand implements Callable<Integer> {
  @Option(names = "--engine", description = "sphinx or command (default: TRANSCRIPTION_BACKEND)")
  String engine;

  @Option(names = "--model", description = "Engine model (default: WHISPER_MODEL)")
  String model;

  @Option(names = "--timeout-seconds", defaultValue = "120", description = "Default: 120")
  int timeoutSeconds;

  @Override
  public Integer call() {
    Settings settings = new Settings(System.getenv());
    String engineName = engine != null ? engine : settings.get("TRANSCRIPTION_BACKEND", "sphinx");
    long started = System.nanoTime();
    try (Transcriber transcriber =
        TranscriberFactory.create(
            settings.engine(engineName, model != null ? model : settings.get("WHISPER_MODEL")))) {
      SmokeTest.run(transcriber, Duration.ofSeconds(timeoutSeconds));
      EventLog.info(
          "smoke test passed: engine=%s model=%s device=%s in %.1f s",
          transcriber.engine(),
          transcriber.model(),
          transcriber.device(),
          (System.nanoTime() - started) / 1e9);
      return ExitCodes.OK;
    } catch (Exception e) {
      EventLog.error("smoke test failed: engine=%s: %s", engineName, e.getMessage());
      return ExitCodes.ENGINE_FAILED;
    }
  }
}
