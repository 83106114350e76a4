package dev.cast2md.worker.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.protocol.HealthCheck;
import dev.cast2md.protocol.HealthReport;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one place the worker's health is decided, state by state. */
class NodeHealthTest {
  @TempDir Path dir;

  private static String status(HealthReport report, String check) {
    return report.checks().stream()
        .filter(c -> c.name().equals(check))
        .map(HealthCheck::status)
        .findFirst()
        .orElseThrow();
  }

  private WorkerStatus running(int diskFullFailures, int unspooled, List<String> dead) {
    return new WorkerStatus(
        "n",
        "fake",
        "cpu",
        true,
        true,
        null,
        List.of(),
        List.of(),
        List.of(),
        0,
        3,
        false,
        dir.resolve("work/123"),
        diskFullFailures,
        unspooled,
        dead);
  }

  @Test
  void aLoadingEngineIsAliveButNotReady() {
    NodeHealth health = new NodeHealth(EngineState.loading("parakeet", "parakeet-tdt-0.6b-v3"));
    assertTrue(health.liveness().healthy());
    assertFalse(health.readiness().healthy());
    assertEquals("DOWN", status(health.report(), "engine"));
    assertEquals("DOWN", status(health.report(), "worker"), "no worker yet");
  }

  @Test
  void aFailedEngineIsDownEverywhereAndSaysWhy() {
    NodeHealth health = new NodeHealth(EngineState.loading("parakeet", "m"));
    health.engine(health.engine().validating().failed("CUDA error: no device"));
    assertFalse(health.liveness().healthy());
    assertFalse(health.readiness().healthy());
    HealthCheck engine = health.report().checks().get(0);
    assertEquals("failed", engine.data().get("state"));
    assertEquals("CUDA error: no device", engine.data().get("error"));
  }

  @Test
  void aRunningWorkerIsUpUntilItsDiskIsFullOrAThreadDies() {
    NodeHealth health = new NodeHealth(EngineState.loading("fake", null));
    health.engine(new EngineState(EngineState.Phase.READY, "fake", null, "cpu", null));
    health.attach(() -> running(0, 0, List.of()));
    assertTrue(health.report().healthy(), health.report().toString());

    health.attach(() -> running(1, 0, List.of()));
    assertEquals("DOWN", status(health.report(), "disk"));
    assertFalse(health.readiness().healthy());
    assertTrue(health.liveness().healthy(), "a full disk is not a reason to restart");

    health.attach(() -> running(0, 1, List.of()));
    assertEquals("DOWN", status(health.report(), "disk"), "a transcript only in memory");

    health.attach(() -> running(0, 0, List.of("transcribe")));
    assertEquals("DOWN", status(health.report(), "threads"));
    assertFalse(health.liveness().healthy());
  }

  @Test
  void freeSpaceIsMeasuredWhereTheWorkDirectoryWillBe() {
    Long free = NodeHealth.freeBytes(dir.resolve("not/yet/there"));
    assertTrue(free != null && free > 0, "measured on the nearest existing folder");
  }
}
