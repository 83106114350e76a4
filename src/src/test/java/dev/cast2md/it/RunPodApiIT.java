package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.testing.FakeRunPod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The /api/runpod contract that needs no running pod: refusals, reports, catalogs, models. */
class RunPodApiIT {
  final LibertyServer server = LibertyServer.get();
  final Api api = new Api(server.base());
  FakeRunPod fake;

  @BeforeEach
  void startFake() throws Exception {
    fake = FakeRunPod.start(server.runPodPort(), LibertyServer.RUNPOD_KEY);
  }

  @AfterEach
  void stopFake() {
    api.delete("/api/settings/RUNPOD_ENABLED");
    api.post("/api/runpod/models/reset", "{}");
    // the seed's six defaults: the offline engine the other tests' pods run is added back
    api.post("/api/runpod/models", Map.of("model_id", "sphinx", "display_name", "PocketSphinx"));
    fake.close();
  }

  @Test
  void aDisabledRunPodRefusesPodsWithTheReason() {
    Api.Reply r = api.post("/api/runpod/pods", Map.of("persistent", false));
    assertEquals(400, r.status(), r.body());
    assertTrue(r.body().contains("RunPod not enabled"), r.body());
    Map<String, Object> status = api.get("/api/runpod/status").json();
    assertEquals(false, status.get("can_create"));
    assertEquals("runpod", status.get("provider"));
    assertEquals(3, ((Number) status.get("max_pods")).intValue());
    assertEquals(10, ((Number) status.get("scale_threshold")).intValue());
    assertFalse(
        api.get("/api/runpod/status").body().contains(LibertyServer.RUNPOD_KEY),
        "the key is never shown");
    assertFalse(api.get("/api/settings").body().contains(LibertyServer.RUNPOD_KEY));
  }

  @Test
  void setupReportsAreCheckedBeforeAnythingChanges() {
    String body = "{\"phase\": \"ready\", \"message\": \"x\"}";
    assertEquals(401, api.post("/api/runpod/pods/abcd/setup-progress", body).status());
    assertEquals(
        404, api.post("/api/runpod/pods/abcd/setup-progress", body, "X-Setup-Token", "t").status());
    assertEquals(404, api.get("/api/runpod/pods/abcd/setup-status").status());
    assertEquals(
        404,
        api.withBody("PATCH", "/api/runpod/pods/abcd/persistent", Map.of("persistent", true))
            .status());
    assertEquals(404, api.delete("/api/runpod/setup-states/abcd").status());
  }

  @Test
  void gpuTypesComeFromTheProviderCatalogWithPrices() {
    api.put("/api/settings/RUNPOD_ENABLED", Map.of("value", "true"));
    Api.Reply r = api.get("/api/runpod/gpu-types");
    assertEquals(200, r.status(), r.body());
    List<?> types = (List<?>) r.json().get("gpu_types");
    assertTrue(
        types.stream()
            .map(t -> (Map<?, ?>) t)
            .anyMatch(t -> "NVIDIA RTX A5000".equals(t.get("id")) && t.get("price_hr") != null),
        r.body());
    assertEquals("api", r.json().get("source"));
  }

  @Test
  void theModelCatalogAddsRemovesAndResets() {
    Api.Reply list = api.get("/api/runpod/models");
    assertTrue(list.body().contains("parakeet-tdt-0.6b-v3"), list.body());
    Api.Reply added = api.post("/api/runpod/models", Map.of("model_id", "distil-large-v3"));
    assertEquals(200, added.status(), added.body());
    assertTrue(
        api.get("/api/runpod/models").body().contains("\"backend\":\"whisper\""),
        "backend inferred from the id");
    assertEquals(
        200,
        api.withBody("DELETE", "/api/runpod/models", Map.of("model_id", "distil-large-v3"))
            .status());
    assertEquals(
        404,
        api.withBody("DELETE", "/api/runpod/models", Map.of("model_id", "distil-large-v3"))
            .status());
    assertEquals(422, api.post("/api/runpod/models", Map.of("display_name", "x")).status());
    Api.Reply reset = api.post("/api/runpod/models/reset", "{}");
    assertEquals("Models reset to 6 defaults.", reset.json().get("message"));
    assertEquals(6, ((List<?>) api.get("/api/runpod/models").json().get("models")).size());
  }
}
