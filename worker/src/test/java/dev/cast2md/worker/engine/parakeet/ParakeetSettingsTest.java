package dev.cast2md.worker.engine.parakeet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.EngineSettings;
import dev.cast2md.worker.engine.TranscriberFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParakeetSettingsTest {
  @Test
  void devicesParse() {
    assertEquals(new DeviceRequest(DeviceRequest.Kind.AUTO, 0), DeviceRequest.parse(null));
    assertEquals(new DeviceRequest(DeviceRequest.Kind.CPU, 0), DeviceRequest.parse(" CPU "));
    assertEquals(new DeviceRequest(DeviceRequest.Kind.CUDA, 0), DeviceRequest.parse("cuda"));
    assertEquals(new DeviceRequest(DeviceRequest.Kind.CUDA, 2), DeviceRequest.parse("cuda:2"));
    assertThrows(IllegalArgumentException.class, () -> DeviceRequest.parse("tpu"));
    assertThrows(IllegalArgumentException.class, () -> DeviceRequest.parse("cuda:x"));
  }

  @Test
  void theDecoderFollowsTheEncoderUnlessToldOtherwise() {
    ParakeetSettings same = ParakeetSettings.from(Map.of("NODE_DEVICE", "cuda:1"));
    assertEquals(same.device(), same.decoderDevice());
    ParakeetSettings split =
        ParakeetSettings.from(Map.of("NODE_DEVICE", "cuda", "PARAKEET_DECODER_DEVICE", "cpu"));
    assertEquals(DeviceRequest.Kind.CPU, split.decoderDevice().kind());
    assertEquals(0, split.batch(), "0: the engine picks by device");
  }

  @Test
  void aMalformedVariableStopsTheEngineWithItsName() {
    EngineException e =
        assertThrows(
            EngineException.class,
            () ->
                TranscriberFactory.create(
                    new EngineSettings(
                        "parakeet",
                        null,
                        null,
                        null,
                        1,
                        0,
                        0,
                        Path.of("work"),
                        Map.of("PARAKEET_BATCH", "-3"))));
    assertTrue(e.getMessage().contains("PARAKEET_BATCH"), e.getMessage());
  }
}
