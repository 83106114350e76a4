package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A server restart in the middle of work loses no job and leaves none stuck. */
class ServerRestartIT {

  @Test
  void nodesResynchroniseAfterAServerRestart() {
    LibertyServer server = LibertyServer.get();
    Api api = new Api(server.base());
    TestNode node = TestNode.register(api, "survivor");
    long[] working = Episodes.queueUrl(api, "in-progress", "http://127.0.0.1:9/w.mp3");
    long[] prefetched = Episodes.queueUrl(api, "prefetched", "http://127.0.0.1:9/p.mp3");
    long[] waiting = Episodes.queueUrl(api, "waiting", "http://127.0.0.1:9/q.mp3");
    node.claimJob(working[1]);
    node.claimJob(prefetched[1]);
    assertEquals(200, node.progress(working[1], 30).status());

    server.restart();

    // nothing was lost while the server was down
    assertEquals("running", Episodes.job(api, working[1]).get("status"));
    assertEquals(node.id, Episodes.job(api, working[1]).get("assigned_node_id"));
    assertEquals("queued", Episodes.job(api, waiting[1]).get("status"));

    // the node restarted too and lost its prefetched job; its heartbeat says so
    LibertyServer.sleep(2500);
    Api.Reply hb =
        node.heartbeat(
            Map.of("current_job_id", working[1], "claimed_job_ids", List.of(working[1])));
    assertEquals(200, hb.status(), hb.body());
    assertEquals(List.of(prefetched[1]), NodeProtocolIT.numbers(hb.json().get("released_job_ids")));
    assertEquals("queued", Episodes.job(api, prefetched[1]).get("status"));

    Api.Reply done = node.complete(working[1], "**[00:00]** survived a restart");
    assertEquals(200, done.status(), done.body());
    assertEquals("completed", Episodes.episode(api, working[0]).get("status"));
    Map<String, Object> j = Episodes.job(api, working[1]);
    assertEquals(1, ((Number) j.get("attempts")).intValue());

    // no job is left running without an owner
    Api.Reply running = api.get("/api/queue?status=running&limit=500");
    for (Object o : (List<?>) running.json().get("jobs")) {
      assertTrue(((Map<?, ?>) o).get("assigned_node_id") != null, "running jobs have an owner");
    }
    api.postEmpty("/api/queue/" + prefetched[1] + "/cancel");
    api.postEmpty("/api/queue/" + waiting[1] + "/cancel");
  }
}
