package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cast2md.protocol.NodeHeaders;
import dev.cast2md.protocol.NodePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A node driven by hand over the real protocol, as cast2md's Python node would. */
final class TestNode {
  final Api api;
  final String id;
  final String key;

  private TestNode(Api api, String id, String key) {
    this.api = api;
    this.id = id;
    this.key = key;
  }

  static TestNode register(Api api, String name) {
    Api.Reply r =
        api.post(
            NodePaths.REGISTER,
            Map.of(
                "name", name,
                "url", "http://localhost:8001",
                "whisper_model", "auto",
                "whisper_backend", "sphinx"),
            NodeHeaders.ENROLMENT_KEY,
            LibertyServer.ENROLMENT_KEY);
    assertEquals(200, r.status(), r.body());
    return new TestNode(api, r.string("node_id"), r.string("api_key"));
  }

  Api.Reply heartbeat(Object body) {
    return api.post(NodePaths.heartbeat(id), body, Api.key(key));
  }

  Api.Reply claim() {
    return api.postEmpty(NodePaths.claim(id), Api.key(key));
  }

  /**
   * Claims until it holds the wanted job, giving back anything else it is handed (jobs other tests
   * left in the queue); a release before any work costs those jobs nothing.
   */
  Map<String, Object> claimJob(long wanted) {
    List<Long> others = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        Api.Reply r = claim();
        assertEquals(200, r.status(), r.body());
        if (!Boolean.TRUE.equals(r.json().get("has_job"))) {
          throw new AssertionError("job " + wanted + " was never handed out");
        }
        long got = r.number("job_id");
        if (got == wanted) {
          return r.json();
        }
        others.add(got);
      }
      throw new AssertionError("job " + wanted + " not reached in 100 claims");
    } finally {
      others.forEach(this::release);
    }
  }

  Api.Reply release(long jobId) {
    return api.postEmpty(NodePaths.release(jobId), Api.key(key));
  }

  Api.Reply progress(long jobId, Object percent) {
    return api.post(
        NodePaths.progress(jobId), "{\"progress_percent\": " + percent + "}", Api.key(key));
  }

  Api.Reply complete(long jobId, String markdown) {
    return api.post(
        NodePaths.complete(jobId),
        Map.of("transcript_text", markdown, "whisper_model", "sphinx-en-us"),
        Api.key(key));
  }

  Api.Reply fail(long jobId, String message, boolean retry) {
    return api.post(
        NodePaths.fail(jobId), Map.of("error_message", message, "retry", retry), Api.key(key));
  }

  Api.Reply audio(long jobId, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = NodeHeaders.TRANSCRIBER_KEY;
    all[1] = key;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return api.get(NodePaths.audio(jobId), all);
  }
}
