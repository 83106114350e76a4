package dev.cast2md.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolJsonTest {
  private final Jsonb jsonb = ProtocolJson.create();

  @Test
  void readsThePythonNodesHeartbeat() {
    HeartbeatRequest hb =
        jsonb.fromJson(
            "{\"name\": \"n1\", \"whisper_model\": \"parakeet-tdt-0.6b-v3\", \"whisper_backend\":"
                + " \"parakeet\", \"current_job_id\": 7, \"claimed_job_ids\": [7, 8]}",
            HeartbeatRequest.class);
    assertEquals("parakeet-tdt-0.6b-v3", hb.whisperModel());
    assertEquals(7L, hb.currentJobId());
    assertEquals(List.of(7L, 8L), hb.claimedJobIds());
  }

  @Test
  void anEmptyHeartbeatHasNoClaimedList() {
    HeartbeatRequest hb = jsonb.fromJson("{}", HeartbeatRequest.class);
    assertNull(hb.claimedJobIds());
    assertNull(hb.currentJobId());
  }

  @Test
  void noJobIsWrittenWithNullsAndAnEmptyAudioUrl() {
    String json = jsonb.toJson(ClaimResponse.none());
    assertTrue(json.contains("\"has_job\":false"), json);
    assertTrue(json.contains("\"job_id\":null"), json);
    assertTrue(json.contains("\"audio_url\":\"\""), json);
    assertFalse(ClaimResponse.none().hasWork());
  }

  @Test
  void failWithoutRetryFieldIsRetryable() {
    assertTrue(jsonb.fromJson("{\"error_message\":\"x\"}", FailRequest.class).retryable());
    assertFalse(
        jsonb.fromJson("{\"error_message\":\"x\",\"retry\":false}", FailRequest.class).retryable());
  }

  @Test
  void unknownFieldsAreIgnored() {
    CompleteRequest c =
        jsonb.fromJson(
            "{\"transcript_text\":\"# t\",\"whisper_model\":\"m\",\"future\":1}",
            CompleteRequest.class);
    assertEquals("# t", c.transcriptText());
    assertNull(c.segments());
  }
}
