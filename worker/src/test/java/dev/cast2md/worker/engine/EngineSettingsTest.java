package dev.cast2md.worker.engine;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
  @Test
  void theEnvironmentNeverShowsInTheSettingsText() {
    EngineSettings settings =
        new EngineSettings(
            "parakeet",
            "parakeet-tdt-0.6b-v3",
            null,
            null,
            1,
            0,
            0,
            Path.of("work"),
            Map.of("NODE_ENROLMENT_KEY", "secret-key-123"));
    assertTrue(settings.toString().contains("parakeet-tdt-0.6b-v3"));
    assertFalse(settings.toString().contains("secret-key-123"));
  }
}
