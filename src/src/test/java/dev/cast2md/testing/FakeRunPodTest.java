package dev.cast2md.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.pods.control.runpod.RetryPolicy;
import dev.cast2md.pods.control.runpod.RunPodClient;
import dev.cast2md.pods.entity.RunPodCreatePod;
import dev.cast2md.pods.entity.RunPodCreateTemplate;
import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.pods.entity.RunPodTemplate;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the fake hands a pod's container, per runpod-api.md §3.2, §4 and §7.17–18. */
class FakeRunPodTest {
  FakeRunPod fake;
  RunPodClient client;
  final List<Started> started = new CopyOnWriteArrayList<>();

  record Started(RunPodPod pod, Map<String, String> env, FakeContainer container) {}

  static final class FakeContainer implements FakeRunPod.Container {
    volatile boolean alive = true;

    @Override
    public void stop() {
      alive = false;
    }

    @Override
    public boolean alive() {
      return alive;
    }
  }

  @BeforeEach
  void start() throws IOException {
    fake = FakeRunPod.start();
    fake.containers(
        (pod, env) -> {
          FakeContainer c = new FakeContainer();
          started.add(new Started(pod, env, c));
          return c;
        });
    client =
        RunPodClient.create(
            fake.baseUri(),
            fake.accountKey(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            d -> {},
            RetryPolicy.DEFAULT);
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  RunPodTemplate template() {
    return client.createTemplate(
        new RunPodCreateTemplate(
            "cast2md-worker",
            "cast2md/worker:1",
            List.of("java", "-jar", "worker.jar"),
            20,
            List.of("22/tcp"),
            Map.of("TS_AUTH_KEY", "{{ RUNPOD_SECRET_ts_auth_key }}", "MODE", "template")));
  }

  @Test
  void aRunningPodsContainerGetsResolvedSecretsMergedEnvAndRunPodsVariables() {
    fake.secret("ts_auth_key", "abc");
    RunPodTemplate t = template();

    RunPodPod pod =
        client.createPod(
            new RunPodCreatePod(
                "cast2md-a3f2",
                t.id(),
                "NVIDIA RTX A5000",
                null,
                Map.of("MODE", "body", "INSTANCE_ID", "a3f2"),
                List.of()));
    assertTrue(started.isEmpty(), "no container before RUNNING");
    client.listPods();
    assertTrue(client.findPod(pod.id()).orElseThrow().ready());
    await(() -> started.size() == 1);

    Map<String, String> env = started.get(0).env();
    assertEquals("abc", env.get("TS_AUTH_KEY"));
    assertEquals("body", env.get("MODE"));
    assertEquals("a3f2", env.get("INSTANCE_ID"));
    assertEquals(pod.id(), env.get("RUNPOD_POD_ID"));
    assertEquals("1", env.get("RUNPOD_GPU_COUNT"));
    assertEquals("127.0.0.1", env.get("RUNPOD_PUBLIC_IP"));
    assertEquals(fake.podKey(pod.id()), env.get("RUNPOD_API_KEY"));
    assertNotEquals(fake.accountKey(), env.get("RUNPOD_API_KEY"));

    // every API read keeps the literal reference
    RunPodPod read = client.findPod(pod.id()).orElseThrow();
    assertEquals("{{ RUNPOD_SECRET_ts_auth_key }}", read.env().get("TS_AUTH_KEY"));
    assertEquals("body", read.env().get("MODE"));

    client.terminatePod(pod.id());
    FakeContainer container = started.get(0).container();
    await(() -> !container.alive());
  }

  @Test
  void aMissingSecretMakesThePodFailToStart() {
    RunPodTemplate t = template();
    RunPodPod pod =
        client.createPod(
            new RunPodCreatePod("cast2md-a3f2", t.id(), "NVIDIA RTX A5000", null, null, null));

    client.findPod(pod.id());
    assertEquals("ERROR", client.findPod(pod.id()).orElseThrow().status());
    assertTrue(started.isEmpty());
  }

  @Test
  void podsCanStartAfterADelayWithoutBeingRead() {
    fake.startAfter(Duration.ofMillis(100));
    RunPodPod pod =
        client.createPod(new RunPodCreatePod("cast2md-a3f2", null, "NVIDIA L4", "img", null, null));

    await(() -> started.size() == 1);
    assertEquals(pod.id(), started.get(0).pod().id());
    assertTrue(client.findPod(pod.id()).orElseThrow().ready());
  }

  @Test
  void unknownCreateFieldsAndUnknownGpusAreRejectedAsV2Does() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var post =
        java.net.http.HttpRequest.newBuilder(fake.baseUri().resolve("/v2/pods"))
            .header("Authorization", "Bearer " + fake.accountKey())
            .POST(
                java.net.http.HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"x\",\"image\":\"i\",\"gpuTypeId\":\"NVIDIA L4\"}"))
            .timeout(Duration.ofSeconds(5))
            .build();
    var answer = http.send(post, java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(400, answer.statusCode());
    assertEquals(
        "application/problem+json", answer.headers().firstValue("Content-Type").orElse(""));
    assertTrue(answer.body().contains("gpuTypeId"));
    assertFalse(fake.pods().stream().anyMatch(p -> p.name().equals("x")));
  }

  static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within 5 s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
