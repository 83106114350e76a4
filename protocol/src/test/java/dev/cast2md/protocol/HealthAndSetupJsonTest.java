package dev.cast2md.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pod setup report and the health report carried by heartbeats, as they look on the wire. */
class HealthAndSetupJsonTest {
  private final Jsonb jsonb = ProtocolJson.create();

  @Test
  void setupProgressIsSnakeCaseAndLeavesOutWhatThePodDoesNotKnow() {
    String json =
        jsonb.toJson(
            new SetupProgressRequest(
                SetupProgressRequest.INSTALLING, "Loading model m...", null, null));
    assertEquals("{\"message\":\"Loading model m...\",\"phase\":\"installing\"}", json);
    String failed =
        jsonb.toJson(
            new SetupProgressRequest(SetupProgressRequest.FAILED, "x", "boom", "100.64.0.7"));
    assertTrue(failed.contains("\"host_ip\":\"100.64.0.7\""), failed);
    assertTrue(failed.contains("\"error\":\"boom\""), failed);
  }

  @Test
  void readsTheStartUpScriptsSetupProgress() {
    SetupProgressRequest r =
        jsonb.fromJson(
            "{\"phase\":\"ready\",\"message\":\"Worker is running\",\"host_ip\":\"100.64.0.7\"}",
            SetupProgressRequest.class);
    assertEquals("ready", r.phase());
    assertEquals("100.64.0.7", r.hostIp());
    assertNull(r.error());
  }

  @Test
  void aHeartbeatCarriesItsHealthInMicroProfileShape() {
    HealthReport health =
        HealthReport.of(
            List.of(
                HealthCheck.of("engine", true, Map.of("engine", "parakeet")),
                HealthCheck.of("circuit-breaker", false, Map.of("consecutive_failures", 3))));
    String json = jsonb.toJson(new HeartbeatRequest("n", "m", "parakeet", null, List.of(), health));
    assertTrue(
        json.contains(
            "\"health\":{\"checks\":[{\"data\":{\"engine\":\"parakeet\"},\"name\":\"engine\","
                + "\"status\":\"UP\"},{\"data\":{\"consecutive_failures\":3},"
                + "\"name\":\"circuit-breaker\",\"status\":\"DOWN\"}],\"status\":\"DOWN\"}"),
        json);
    assertTrue(json.contains("\"current_job_id\":null"), "other nulls are still written: " + json);

    HeartbeatRequest back = jsonb.fromJson(json, HeartbeatRequest.class);
    assertFalse(back.health().healthy());
    assertEquals("circuit-breaker", back.health().checks().get(1).name());
    assertEquals(
        new BigDecimal(3), back.health().checks().get(1).data().get("consecutive_failures"));
  }

  @Test
  void aHeartbeatWithoutHealthLeavesItOutAndReadsAsUnknown() {
    String json = jsonb.toJson(new HeartbeatRequest(null, null, null, null, null));
    assertFalse(json.contains("health"), json);
    assertNull(jsonb.fromJson("{\"name\":\"python-node\"}", HeartbeatRequest.class).health());
  }

  @Test
  void aCheckWithoutDataLeavesItOutAndAReportIsUpOnlyWhenEveryCheckIs() {
    assertEquals(
        "{\"name\":\"worker\",\"status\":\"UP\"}",
        jsonb.toJson(HealthCheck.of("worker", true, null)));
    assertTrue(HealthReport.of(List.of()).healthy());
    assertTrue(HealthReport.of(List.of(HealthCheck.of("a", true, null))).healthy());
    assertFalse(
        HealthReport.of(List.of(HealthCheck.of("a", true, null), HealthCheck.of("b", false, null)))
            .healthy());
    assertFalse(new HealthCheck("a", "unknown", null).healthy());
  }

  @Test
  void theSetupProgressPathIsTheSeeds() {
    assertEquals("/api/runpod/pods/abc123/setup-progress", NodePaths.setupProgress("abc123"));
  }
}
