package dev.cast2md.pods.control.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.pods.entity.RunPodCreatePod;
import dev.cast2md.pods.entity.RunPodCreateTemplate;
import dev.cast2md.pods.entity.RunPodGpu;
import dev.cast2md.pods.entity.RunPodPod;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shapes RunPod's answers come in, per runpod-api.md, read leniently. */
class RunPodJsonTest {

  @Test
  void aV2PodWithRuntimeIsReadyAndCarriesItsPublicIpFromTheRuntimePorts() {
    RunPodPod pod =
        RunPodJson.pod(
            """
            {"id":"50qynxzilsxoey","name":"cast2md-a3f2","status":"RUNNING",
             "gpu":{"id":"NVIDIA RTX A5000","count":1,"displayName":"RTX A5000"},"cost":0.27,
             "env":{"INSTANCE_ID":"a3f2","TS_AUTH_KEY":"{{ RUNPOD_SECRET_ts_auth_key }}"},
             "runtime":{"uptime":3600,"ports":[{"private":22,"public":34446,"type":"tcp","ip":"195.26.233.3"}]},
             "createdAt":"2026-11-29T18:00:00.123Z"}
            """);
    assertTrue(pod.ready());
    assertEquals("195.26.233.3", pod.publicIp());
    assertEquals("RTX A5000", pod.gpuDisplayName());
    assertEquals(0.27, pod.costPerHr());
    assertEquals("{{ RUNPOD_SECRET_ts_auth_key }}", pod.env().get("TS_AUTH_KEY"));
    assertEquals(Instant.parse("2026-11-29T18:00:00.123Z"), pod.createdAt());
  }

  @Test
  void olderShapesAreReadToo() {
    // v1 style: desiredStatus, costPerHr as a string, imageName, Go's time format, no runtime
    RunPodPod pod =
        RunPodJson.pod(
            """
            {"id":"xedezhzb9la3ye","name":"p","desiredStatus":"RUNNING","costPerHr":"0.74",
             "machine":{"gpuTypeId":"NVIDIA L40S","gpuDisplayName":"L40S"},"publicIp":"",
             "env":["A=1","B=x=y"],"lastStartedAt":"2026-10-04 11:09:24.633 +0000 UTC"}
            """);
    assertEquals("RUNNING", pod.status());
    assertFalse(pod.runtimeUp());
    assertFalse(pod.ready());
    assertNull(pod.publicIp());
    assertEquals(0.74, pod.costPerHr());
    assertEquals("NVIDIA L40S", pod.gpuId());
    assertEquals("L40S", pod.gpuDisplayName());
    assertEquals(Map.of("A", "1", "B", "x=y"), pod.env());
    assertEquals(Instant.parse("2026-10-04T11:09:24.633Z"), pod.createdAt());
  }

  @Test
  void listsComeBareOrWrapped() {
    assertEquals(1, RunPodJson.pods("{\"pods\":[{\"id\":\"a\"}]}").size());
    assertEquals(1, RunPodJson.pods("[{\"id\":\"a\"}]").size());
    assertEquals(0, RunPodJson.pods("{\"pods\":null}").size());
    assertEquals(1, RunPodJson.templates("[{\"id\":\"t\",\"imageName\":\"i\"}]").size());
    assertEquals("i", RunPodJson.templates("[{\"id\":\"t\",\"imageName\":\"i\"}]").get(0).image());
  }

  @Test
  void catalogPricesMayBeNullOrFlat() {
    List<RunPodGpu> gpus =
        RunPodJson.gpus(
            """
            {"gpus":[
             {"id":"NVIDIA RTX A5000","displayName":"RTX A5000","memory":24,
              "price":{"secure":null,"community":null},"availability":"NONE"},
             {"id":"NVIDIA A40","displayName":"A40","memoryInGb":48,"securePrice":"0.35",
              "communityPrice":0.39}]}
            """);
    assertFalse(gpus.get(0).offerable());
    assertNull(gpus.get(0).lowestPrice());
    assertEquals(48, gpus.get(1).memoryGb());
    assertEquals(0.35, gpus.get(1).lowestPrice());
  }

  @Test
  void theProblemDetailIsTheMessageAndNonJsonBodiesGiveNone() {
    assertEquals(
        "rate limit exceeded",
        RunPodJson.problemDetail(
            "{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"rate limit exceeded\"}"));
    assertEquals("Bad Request", RunPodJson.problemDetail("{\"title\":\"Bad Request\"}"));
    assertEquals("pod not found", RunPodJson.problemDetail("{\"error\":\"pod not found\"}"));
    assertNull(RunPodJson.problemDetail("<html>502 Bad Gateway</html>"));
    assertNull(RunPodJson.problemDetail(""));
  }

  @Test
  void theCreateBodyUsesV2FieldsOnly() {
    JsonObject body =
        (JsonObject)
            RunPodJson.parse(
                RunPodJson.createPodBody(
                    new RunPodCreatePod(
                        "n", "tmpl", "NVIDIA RTX A5000", null, Map.of("K", "v"), List.of("12.8"))));
    assertEquals("n", body.getString("name"));
    assertEquals("tmpl", body.getString("templateId"));
    assertFalse(body.containsKey("image"));
    assertEquals("NVIDIA RTX A5000", body.getJsonObject("gpu").getString("id"));
    assertEquals(1, body.getJsonObject("gpu").getInt("count"));
    assertEquals(
        "12.8", body.getJsonObject("gpu").getJsonArray("allowedCudaVersions").getString(0));
    assertEquals("v", body.getJsonObject("env").getString("K"));
  }

  @Test
  void theTemplateStartCommandIsOneShellString() {
    JsonObject body =
        (JsonObject)
            RunPodJson.parse(
                RunPodJson.createTemplateBody(
                    new RunPodCreateTemplate(
                        "t",
                        "img",
                        List.of("bash", "-c", "echo 'hi' && run"),
                        20,
                        List.of(),
                        null)));
    assertEquals("bash -c 'echo '\"'\"'hi'\"'\"' && run'", body.getString("args"));
    assertEquals(20, body.getInt("disk"));
  }

  @Test
  void retryAfterIsSecondsOrAnHttpDate() {
    assertEquals(Duration.ofSeconds(12), RetryAfter.parse("12"));
    assertNull(RetryAfter.parse(null));
    assertNull(RetryAfter.parse("soon"));
    assertEquals(Duration.ZERO, RetryAfter.parse("Wed, 21 Oct 2015 07:28:00 GMT"));
  }

  @Test
  void backoffDoublesUpToItsCapAndRetryAfterIsCapped() {
    RetryPolicy p = RetryPolicy.DEFAULT;
    assertEquals(Duration.ofSeconds(1), p.waitAfter(1, null));
    assertEquals(Duration.ofSeconds(4), p.waitAfter(3, null));
    assertEquals(Duration.ofSeconds(30), p.waitAfter(10, null));
    assertEquals(Duration.ofSeconds(12), p.waitAfter(1, Duration.ofSeconds(12)));
    assertEquals(Duration.ofSeconds(120), p.waitAfter(1, Duration.ofHours(1)));
  }
}
