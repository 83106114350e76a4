package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

/** Puts work into the queue the way a user does. */
final class Episodes {
  private Episodes() {}

  /** Queues a URL; returns {episode id, job id}. */
  static long[] queueUrl(Api api, String title, String url) {
    Api.Reply r =
        api.post("/api/episodes", Map.of("title", title, "audio_url", url, "priority", 0));
    assertEquals(201, r.status(), r.body());
    return new long[] {r.number("id"), r.number("job_id")};
  }

  /** Uploads bytes as an audio file; returns {episode id, job id}. */
  static long[] upload(Api api, String title, byte[] audio) {
    Api.Reply r =
        api.postBytes(
            "/api/episodes/upload?title=" + title + "&filename=" + title + ".wav",
            "audio/wav",
            audio);
    assertEquals(201, r.status(), r.body());
    return new long[] {r.number("id"), r.number("job_id")};
  }

  static Map<String, Object> job(Api api, long jobId) {
    Api.Reply r = api.get("/api/queue/" + jobId);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  static Map<String, Object> episode(Api api, long episodeId) {
    Api.Reply r = api.get("/api/episodes/" + episodeId);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  /** Cancels every job in the given states, so that a test starts from a queue of its own. */
  static void cancelJobs(Api api, String... statuses) {
    for (String status : statuses) {
      Api.Reply jobs = api.get("/api/queue?status=" + status + "&limit=500");
      for (Object o : (java.util.List<?>) jobs.json().get("jobs")) {
        api.postEmpty("/api/queue/" + ((Number) ((Map<?, ?>) o).get("id")).longValue() + "/cancel");
      }
    }
  }
}
