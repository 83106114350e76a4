package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The coordinator takes jobs back from silent nodes only, and keeps a late result. */
class LeaseIT {
  final Api api = new Api(LibertyServer.get().base());

  @AfterEach
  void restoreLease() {
    api.delete("/api/settings/QUEUE_LEASE_SECONDS");
  }

  @Test
  void aSilentNodeLosesItsJobAndAHeartbeatingOneKeepsIt() {
    TestNode silent = TestNode.register(api, "silent");
    TestNode alive = TestNode.register(api, "alive");
    long[] lost = Episodes.queueUrl(api, "lost", "http://127.0.0.1:9/l.mp3");
    long[] kept = Episodes.queueUrl(api, "kept-alive", "http://127.0.0.1:9/k.mp3");
    Api.Reply set = api.put("/api/settings/QUEUE_LEASE_SECONDS", Map.of("value", "5"));
    assertEquals(200, set.status(), set.body());
    assertEquals("DATABASE", set.string("source"));

    silent.claimJob(lost[1]);
    alive.claimJob(kept[1]);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)
        && !"queued".equals(Episodes.job(api, lost[1]).get("status"))) {
      alive.heartbeat(Map.of("claimed_job_ids", List.of(kept[1])));
      LibertyServer.sleep(1000);
    }
    assertEquals("queued", Episodes.job(api, lost[1]).get("status"), "lease expired, job back");
    assertEquals("running", Episodes.job(api, kept[1]).get("status"));
    assertEquals(alive.id, Episodes.job(api, kept[1]).get("assigned_node_id"));

    // the silent node was only slow: its result is still welcome
    Api.Reply late = silent.complete(lost[1], "**[00:00]** late but fine");
    assertEquals(200, late.status(), late.body());
    assertEquals("completed", Episodes.episode(api, lost[0]).get("status"));
    assertEquals(200, alive.complete(kept[1], "**[00:00]** kept").status());
  }

  @Test
  void operatorSettingsAreValidated() {
    assertEquals(422, api.put("/api/settings/QUEUE_LEASE_SECONDS", Map.of("value", "-1")).status());
    assertEquals(422, api.put("/api/settings/QUEUE_LEASE_SECONDS", Map.of("value", "x")).status());
    assertEquals(422, api.put("/api/settings/NO_SUCH_THING", Map.of("value", "1")).status());
    assertEquals(
        "300",
        api.get("/api/settings").json().get("QUEUE_LEASE_SECONDS") instanceof Map<?, ?> m
            ? m.get("value")
            : null);
  }
}
