package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.protocol.NodeHeaders;
import dev.cast2md.protocol.NodePaths;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node protocol over HTTP against the running server, as a cast2md node speaks it. */
class NodeProtocolIT {
  static LibertyServer server;
  static Api api;

  @BeforeAll
  static void start() {
    server = LibertyServer.get();
    api = new Api(server.base());
  }

  static byte[] fakeAudio(int size) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + 7);
    }
    return b;
  }

  @Test
  void happyPathFromClaimToTranscript() {
    TestNode node = TestNode.register(api, "happy");
    assertEquals(200, node.heartbeat(Map.of()).status());
    byte[] audio = fakeAudio(10_000);
    long[] ids = Episodes.upload(api, "happy-episode", audio);
    long job = ids[1];

    Map<String, Object> claim = node.claimJob(job);
    assertEquals(NodePaths.audio(job), claim.get("audio_url"));
    assertEquals("happy-episode", claim.get("episode_title"));
    assertEquals("running", Episodes.job(api, job).get("status"));
    assertEquals("transcribing", Episodes.episode(api, ids[0]).get("status"));

    Api.Reply whole = node.audio(job);
    assertEquals(200, whole.status());
    assertTrue(
        whole.header("Content-Disposition").matches("attachment; filename=\"[^\"/;]+\""),
        whole.header("Content-Disposition"));
    assertArrayEquals(audio, whole.raw(), "the stored file, unchanged");

    Api.Reply part = node.audio(job, "Range", "bytes=100-199");
    assertEquals(206, part.status());
    assertEquals("bytes 100-199/10000", part.header("Content-Range"));
    assertArrayEquals(Arrays.copyOfRange(audio, 100, 200), part.raw());

    assertEquals(416, node.audio(job, "Range", "bytes=20000-").status());
    assertEquals(200, node.progress(job, 40).status());
    assertEquals(40, ((Number) Episodes.job(api, job).get("progress_percent")).intValue());

    String markdown = "**[00:00]** Hello from the happy path.\n";
    Api.Reply done = node.complete(job, markdown);
    assertEquals(200, done.status(), done.body());
    assertEquals("Job completed successfully", done.string("message"));
    Api.Reply again = node.complete(job, markdown);
    assertEquals(200, again.status(), "a retried upload is not an error");

    Map<String, Object> ep = Episodes.episode(api, ids[0]);
    assertEquals("completed", ep.get("status"));
    assertEquals("sphinx-en-us", ep.get("transcript_model"));
    Api.Reply transcript = api.get("/api/episodes/" + ids[0] + "/transcript");
    assertEquals(200, transcript.status());
    assertEquals(markdown, transcript.body());
    Map<String, Object> j = Episodes.job(api, job);
    assertEquals("completed", j.get("status"));
    assertEquals(1, ((Number) j.get("attempts")).intValue());
  }

  @Test
  void noWorkIsAnEmptyAnswerNotAnError() {
    TestNode node = TestNode.register(api, "idle");
    Api.Reply queued = api.get("/api/queue?status=queued&limit=500");
    for (Object o : (List<?>) queued.json().get("jobs")) {
      api.postEmpty("/api/queue/" + ((Number) ((Map<?, ?>) o).get("id")).longValue() + "/cancel");
    }
    Api.Reply r = node.claim();
    assertEquals(200, r.status());
    assertEquals(Boolean.FALSE, r.json().get("has_job"));
    assertEquals("", r.json().get("audio_url"));
    assertTrue(r.json().containsKey("job_id"));
  }

  @Test
  void everyAuthenticationAndOwnershipErrorIsRefusedWithoutChangingTheJob() {
    TestNode owner = TestNode.register(api, "owner");
    TestNode other = TestNode.register(api, "other");
    long[] ids = Episodes.queueUrl(api, "owned", "http://127.0.0.1:9/never.mp3");
    long job = ids[1];
    owner.claimJob(job);
    Map<String, Object> before = Episodes.job(api, job);

    // registration
    assertEquals(
        401, api.post(NodePaths.REGISTER, Map.of("name", "intruder")).status(), "no enrolment key");
    Api.Reply wrongEnrolment =
        api.post(
            NodePaths.REGISTER, Map.of("name", "intruder"), NodeHeaders.ENROLMENT_KEY, "guess");
    assertEquals(401, wrongEnrolment.status());
    assertEquals("Invalid enrolment key", wrongEnrolment.string("detail"));

    // node-scoped endpoints
    Api.Reply missing = api.postEmpty(NodePaths.claim(owner.id));
    assertEquals(401, missing.status());
    assertEquals("Missing X-Transcriber-Key header", missing.string("detail"));
    assertEquals(401, api.postEmpty(NodePaths.claim(owner.id), Api.key(other.key)).status());
    assertEquals(404, api.postEmpty(NodePaths.claim("no-such-node"), Api.key(owner.key)).status());
    assertEquals(
        401, api.post(NodePaths.heartbeat(owner.id), Map.of(), Api.key("forged")).status());
    assertEquals(
        401, api.postEmpty(NodePaths.requestTermination(owner.id), Api.key(other.key)).status());

    // job endpoints from a node that does not own the job
    assertEquals(403, other.audio(job).status());
    assertEquals(403, other.progress(job, 50).status());
    assertEquals(403, other.complete(job, "stolen").status());
    assertEquals(403, other.fail(job, "sabotage", false).status());
    assertEquals(403, other.release(job).status());
    Api.Reply forbidden = other.release(job);
    assertEquals("Job not assigned to this node", forbidden.string("detail"));

    // job endpoints with a bad key, and unknown jobs
    assertEquals(401, api.postEmpty(NodePaths.release(job), Api.key("forged")).status());
    assertEquals(401, api.postEmpty(NodePaths.release(job)).status());
    assertEquals(404, owner.release(987_654_321L).status());
    assertEquals(404, owner.complete(987_654_321L, "x").status());

    Map<String, Object> after = Episodes.job(api, job);
    for (String field : List.of("status", "assigned_node_id", "attempts", "progress_percent")) {
      assertEquals(before.get(field), after.get(field), field + " must not change");
    }
    assertEquals(200, owner.release(job).status());
  }

  @Test
  void badInputIsAClearClientErrorAndChangesNothing() {
    TestNode node = TestNode.register(api, "sloppy");
    long[] ids = Episodes.queueUrl(api, "bad-input", "http://127.0.0.1:9/x.mp3");
    long job = ids[1];
    node.claimJob(job);
    Map<String, Object> before = Episodes.job(api, job);

    Api.Reply malformed =
        api.post(NodePaths.complete(job), "{\"transcript_text\": ", Api.key(node.key));
    assertEquals(400, malformed.status());
    assertNotNull(malformed.string("detail"));
    assertEquals(422, node.progress(job, -5).status());
    assertEquals(422, node.progress(job, 101).status());
    assertEquals(400, node.progress(job, "\"lots\"").status());
    assertEquals(
        422,
        api.post(NodePaths.complete(job), Map.of("transcript_text", ""), Api.key(node.key))
            .status());
    assertEquals(
        422,
        api.post(
                NodePaths.complete(job),
                "{\"transcript_text\":\"x\",\"segments\":[{\"start\":5,\"end\":1,\"text\":\"b\"}]}",
                Api.key(node.key))
            .status());
    char[] huge = new char[40 * 1024 * 1024];
    Arrays.fill(huge, 'a');
    Api.Reply tooBig =
        api.post(
            NodePaths.complete(job),
            "{\"transcript_text\":\"" + new String(huge) + "\"}",
            Api.key(node.key));
    assertEquals(413, tooBig.status());

    assertEquals(404, api.get("/api/episodes/999999999").status());
    assertEquals(404, api.get("/api/queue/999999999").status());
    assertEquals(
        422,
        api.post("/api/episodes", Map.of("audio_url", "file:///etc/passwd")).status(),
        "only http(s) audio URLs");
    assertEquals(
        422,
        api.post("/api/episodes", Map.of("audio_url", "http://x/a.mp3", "priority", -1)).status());
    assertEquals(400, api.post("/api/episodes", "[1, 2").status());
    assertEquals(422, api.get("/api/queue?limit=0").status());
    assertEquals(422, api.get("/api/queue?status=exploded").status());
    assertEquals(
        422, api.post("/api/queue/" + job + "/priority", Map.of("priority", 5000)).status());

    Map<String, Object> after = Episodes.job(api, job);
    for (String field : List.of("status", "priority", "attempts", "progress_percent")) {
      assertEquals(before.get(field), after.get(field), field + " must not change");
    }
    assertEquals(200, node.release(job).status());
  }

  @Test
  void releaseOnShutdownReturnsTheJobAndALaterResultIsRefused() {
    TestNode node = TestNode.register(api, "shutting-down");
    long[] ids = Episodes.queueUrl(api, "released", "http://127.0.0.1:9/r.mp3");
    long job = ids[1];
    node.claimJob(job);
    Api.Reply released = node.release(job);
    assertEquals(200, released.status());
    assertEquals("Job released back to queue", released.string("message"));
    Map<String, Object> j = Episodes.job(api, job);
    assertEquals("queued", j.get("status"));
    assertEquals(0, ((Number) j.get("attempts")).intValue(), "no work started, no attempt used");
    assertEquals(403, node.complete(job, "too late").status());
    assertEquals("queued", Episodes.job(api, job).get("status"));
    api.post("/api/queue/" + job + "/cancel", "{}");
  }

  @Test
  void aPermanentFailureFailsTheEpisodeAndARetryableOneRequeuesIt() {
    TestNode node = TestNode.register(api, "failing");
    long[] gone = Episodes.queueUrl(api, "gone", "http://127.0.0.1:9/gone.mp3");
    node.claimJob(gone[1]);
    Api.Reply failed = node.fail(gone[1], "Failed to download audio: HTTP 404", false);
    assertEquals(200, failed.status());
    assertEquals("failed", Episodes.job(api, gone[1]).get("status"));
    Map<String, Object> ep = Episodes.episode(api, gone[0]);
    assertEquals("failed", ep.get("status"));
    assertEquals(Boolean.TRUE, ep.get("permanent_failure"));

    long[] flaky = Episodes.queueUrl(api, "flaky", "http://127.0.0.1:9/flaky.mp3");
    node.claimJob(flaky[1]);
    assertEquals(200, node.fail(flaky[1], "CUDA out of memory", true).status());
    Map<String, Object> j = Episodes.job(api, flaky[1]);
    assertEquals("queued", j.get("status"));
    assertNotNull(j.get("next_retry_at"));
    assertEquals("new", Episodes.episode(api, flaky[0]).get("status"));

    // an operator retries the permanent failure
    Api.Reply retried = api.postEmpty("/api/queue/" + gone[1] + "/retry");
    assertEquals(200, retried.status(), retried.body());
    assertEquals("queued", retried.string("status"));
    api.post("/api/queue/" + gone[1] + "/cancel", "{}");
    api.post("/api/queue/" + flaky[1] + "/cancel", "{}");
  }

  @Test
  void aHeartbeatReleasesJobsTheNodeNoLongerHoldsButNotFreshClaims() {
    TestNode node = TestNode.register(api, "forgetful");
    long[] a = Episodes.queueUrl(api, "kept", "http://127.0.0.1:9/k.mp3");
    long[] b = Episodes.queueUrl(api, "forgotten", "http://127.0.0.1:9/f.mp3");
    node.claimJob(a[1]);
    node.claimJob(b[1]);

    // built before the claims reached the node: must not release them
    Api.Reply early = node.heartbeat(Map.of("claimed_job_ids", List.of()));
    assertEquals(200, early.status());
    assertEquals(List.of(), early.json().get("released_job_ids"));
    assertEquals("running", Episodes.job(api, b[1]).get("status"));

    LibertyServer.sleep(2500); // past the orphan grace the tests run with
    Api.Reply hb = node.heartbeat(Map.of("current_job_id", a[1], "claimed_job_ids", List.of(a[1])));
    assertEquals(200, hb.status());
    assertEquals(List.of(b[1]), numbers(hb.json().get("released_job_ids")));
    assertEquals("queued", Episodes.job(api, b[1]).get("status"));
    assertEquals("running", Episodes.job(api, a[1]).get("status"));
    assertEquals(200, node.complete(a[1], "**[00:00]** kept").status());
    api.post("/api/queue/" + b[1] + "/cancel", "{}");
  }

  @Test
  void pythonNodeShapesAreAccepted() {
    TestNode node = TestNode.register(api, "python-shapes");
    // node status sends {}; bodyless POSTs carry no Content-Type
    assertEquals(200, node.heartbeat("{}").status());
    Api.Reply hb =
        node.heartbeat(
            "{\"name\": \"python-shapes\", \"whisper_model\": \"parakeet-tdt-0.6b-v3\","
                + " \"whisper_backend\": \"parakeet\", \"current_job_id\": null,"
                + " \"claimed_job_ids\": []}");
    assertEquals(200, hb.status());
    assertEquals("ok", hb.string("status"));
    Api.Reply term = api.postEmpty(NodePaths.requestTermination(node.id), Api.key(node.key));
    assertEquals(200, term.status());
    assertEquals(Boolean.FALSE, term.json().get("terminated"));
    Api.Reply list = api.get("/api/nodes");
    assertFalse(list.body().contains(node.key), "keys are never shown again");
    assertTrue(list.body().contains("parakeet-tdt-0.6b-v3"));
  }

  @Test
  void adminAddsListsAndDeletesNodes() {
    Api.Reply added = api.post("/api/nodes", Map.of("name", "manual", "url", "http://127.0.0.1:9"));
    assertEquals(200, added.status(), added.body());
    String id = added.string("node_id");
    String key = added.string("api_key");
    assertEquals(43, key.length());
    assertEquals(200, api.post(NodePaths.heartbeat(id), Map.of(), Api.key(key)).status());
    Api.Reply test = api.postEmpty("/api/nodes/" + id + "/test");
    assertEquals(200, test.status());
    assertTrue(test.string("message").startsWith("Failed to reach node"), test.body());
    assertEquals(200, api.get("/api/nodes/stale?offline_hours=24").status());
    assertEquals(200, api.delete("/api/nodes/" + id).status());
    assertEquals(404, api.delete("/api/nodes/" + id).status());
    assertEquals(404, api.post(NodePaths.heartbeat(id), Map.of(), Api.key(key)).status());
  }

  @Test
  void healthOpenApiAndMetricsAnswer() {
    Api.Reply health = api.get("/api/health");
    assertEquals(200, health.status());
    assertEquals("healthy", health.string("status"));
    assertEquals("dev", health.string("build"));
    Api.Reply ready = api.get("/health/ready");
    assertEquals(200, ready.status());
    assertTrue(ready.body().contains("\"database\""), ready.body());
    Api.Reply openapi = api.get("/openapi");
    assertEquals(200, openapi.status());
    assertTrue(openapi.body().contains("/api/nodes/{nodeId}/claim"), "node API documented");
    Api.Reply metrics = api.get("/metrics?scope=application");
    assertEquals(200, metrics.status());
    assertTrue(metrics.body().contains("cast2md_queue_jobs"), metrics.body());
    assertTrue(metrics.body().contains("claim_latency"), metrics.body());
  }

  static List<Long> numbers(Object list) {
    return ((List<?>) list).stream().map(o -> ((Number) o).longValue()).toList();
  }
}
