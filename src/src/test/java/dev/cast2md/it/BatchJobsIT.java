package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.cast2md.testing.FakeRunPod;
import dev.cast2md.worker.engine.SpeechFixtures;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * transcribe-backlog end to end: a feed of synthesised speech served from this machine, pods on the
 * fake RunPod running the real worker with the sphinx engine; the run is stopped in the middle and
 * restarted, and every episode is transcribed exactly once, as its report says.
 */
class BatchJobsIT {
  static final int EPISODES = 6;
  private static final List<String> SETTINGS =
      List.of("RUNPOD_ENABLED", "RUNPOD_WHISPER_MODEL", "POD_HEALTH_GRACE_SECONDS");

  final LibertyServer server = LibertyServer.get();
  final Api api = new Api(server.base());
  FakeRunPod fake;
  WorkerContainers containers;
  HttpServer publisher;
  String base;

  @BeforeEach
  void setUp() throws Exception {
    Path root = Files.createDirectories(Path.of("target/batch-it"));
    containers = new WorkerContainers(root);
    fake = containers.startFakeRunPod(server);
    Map<String, byte[]> audio = new HashMap<>();
    for (int i = 0; i < EPISODES; i++) {
      Path wav =
          SpeechFixtures.synthesize(SpeechFixtures.SENTENCES.get(i), root.resolve(i + ".wav"));
      audio.put("/audio/" + i + ".wav", Files.readAllBytes(wav));
    }
    publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    base = "http://127.0.0.1:" + publisher.getAddress().getPort();
    String feed = feed(base, EPISODES);
    String shorter = feed(base, EPISODES - 1);
    AtomicInteger growingFeedReads = new AtomicInteger();
    publisher.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          // feeds under /r... gain their last episode after the first read
          String xml =
              path.startsWith("/r") && growingFeedReads.getAndIncrement() == 0 ? shorter : feed;
          byte[] body = path.endsWith("feed.xml") ? xml.getBytes(StandardCharsets.UTF_8) : null;
          body = body == null ? audio.get(path) : body;
          if (body == null) {
            exchange.sendResponseHeaders(404, -1);
          } else {
            exchange
                .getResponseHeaders()
                .add("Content-Type", path.endsWith(".xml") ? "application/rss+xml" : "audio/wav");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    publisher.start();
  }

  @AfterEach
  void cleanUp() {
    api.delete("/api/runpod/pods");
    for (String key : SETTINGS) {
      api.delete("/api/settings/" + key);
    }
    containers.killAll();
    fake.close();
    publisher.stop(0);
  }

  static String feed(String base, int episodes) {
    StringBuilder items = new StringBuilder();
    for (int i = 0; i < episodes; i++) {
      items.append(
          "<item><title>Batch episode "
              + i
              + "</title><guid>batch-it-"
              + i
              + "</guid><pubDate>Mon, 0"
              + (i + 1)
              + " Jan 2024 10:00:00 GMT</pubDate><itunes:duration>60</itunes:duration>"
              + "<enclosure url=\""
              + base
              + "/audio/"
              + i
              + ".wav\" length=\"1000\" type=\"audio/wav\"/></item>");
    }
    return "<?xml version=\"1.0\"?><rss version=\"2.0\""
        + " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>"
        + "<title>Batch IT</title><link>http://example.org</link><description>d</description>"
        + items
        + "</channel></rss>";
  }

  @Test
  void badRequestsAreRefusedWithTheReason() {
    Api.Reply unknown = api.post("/api/batch/jobs", Map.of("job_name", "transcribe-all"));
    assertEquals(400, unknown.status(), unknown.body());
    assertTrue(unknown.string("detail").contains("transcribe-backlog"), unknown.body());

    Api.Reply badParam =
        api.post(
            "/api/batch/jobs",
            Map.of("job_name", "transcribe-backlog", "parameters", Map.of("limit", "lots")));
    assertEquals(400, badParam.status(), badParam.body());
    assertTrue(badParam.string("detail").contains("'limit'"), badParam.body());

    Api.Reply unknownParam =
        api.post(
            "/api/batch/jobs",
            Map.of("job_name", "refresh-feeds", "parameters", Map.of("max_pods", 1)));
    assertEquals(400, unknownParam.status(), unknownParam.body());
    assertTrue(unknownParam.string("detail").contains("Unknown parameter 'max_pods'"));

    Api.Reply noFeed =
        api.post(
            "/api/batch/jobs",
            Map.of(
                "job_name", "transcribe-backlog", "parameters", Map.of("feeds", List.of(999999))));
    assertEquals(400, noFeed.status(), noFeed.body());
    assertTrue(noFeed.string("detail").contains("999999"), noFeed.body());

    Api.Reply badModel =
        api.post(
            "/api/batch/jobs",
            Map.of("job_name", "transcribe-backlog", "parameters", Map.of("model", "gpt-9")));
    assertEquals(400, badModel.status(), badModel.body());

    assertEquals(404, api.get("/api/batch/jobs/987654").status());
    assertEquals(404, api.postEmpty("/api/batch/jobs/987654/stop").status());
    assertEquals(404, api.postEmpty("/api/batch/jobs/987654/restart").status());
  }

  @Test
  void aBacklogStoppedInTheMiddleAndRestartedTranscribesEveryEpisodeOnce() {
    Api.Reply added =
        api.post("/api/feeds", Map.of("url", base + "/" + System.nanoTime() + "/feed.xml"));
    assertEquals(201, added.status(), added.body());
    long feedId = added.number("id");
    List<Long> episodes = new ArrayList<>();
    for (Object o :
        (List<?>) api.get("/api/feeds/" + feedId + "/episodes?limit=50").json().get("episodes")) {
      episodes.add(((Number) ((Map<?, ?>) o).get("id")).longValue());
    }
    assertEquals(EPISODES, episodes.size());
    // discovery queued them; the backlog run is to do it instead
    for (long episode : episodes) {
      for (Map<?, ?> job : jobs(episode)) {
        api.postEmpty("/api/queue/" + ((Number) job.get("id")).longValue() + "/cancel");
      }
    }
    put("RUNPOD_WHISPER_MODEL", "sphinx");
    put("POD_HEALTH_GRACE_SECONDS", "120");
    put("RUNPOD_ENABLED", "true");

    Api.Reply started =
        api.post(
            "/api/batch/jobs",
            Map.of(
                "job_name",
                "transcribe-backlog",
                "parameters",
                Map.of(
                    "feeds",
                    List.of(feedId),
                    "states",
                    "new",
                    "model",
                    "sphinx",
                    "max_pods",
                    1,
                    "chunk_size",
                    4,
                    "poll_seconds",
                    1)));
    assertEquals(201, started.status(), started.body());
    long first = started.number("execution_id");

    Await.until(
        "the first episodes transcribed",
        Duration.ofMinutes(4),
        () -> longOf(progress(first), "done") >= 1);
    Api.Reply stop = api.postEmpty("/api/batch/jobs/" + first + "/stop");
    assertEquals(200, stop.status(), stop.body());
    Await.until("the run stopped", Duration.ofMinutes(1), () -> "stopped".equals(status(first)));
    Map<String, Object> stopped = detail(first);
    Map<?, ?> atStop = (Map<?, ?>) stopped.get("progress");
    assertEquals(EPISODES, longOf(atStop, "selected"), stopped.toString());
    assertTrue(longOf(atStop, "remaining") >= 1, "stopped in the middle: " + stopped);
    for (long episode : episodes) {
      assertTrue(
          jobs(episode).stream().filter(j -> "queued".equals(j.get("status"))).count() == 0,
          "no job of the stopped run is left queued: " + jobs(episode));
    }
    assertEquals(409, api.postEmpty("/api/batch/jobs/" + first + "/stop").status());

    Api.Reply restarted = api.postEmpty("/api/batch/jobs/" + first + "/restart");
    assertEquals(201, restarted.status(), restarted.body());
    long second = restarted.number("execution_id");
    Await.until("the restarted run completed", Duration.ofMinutes(6), () -> finished(second));
    Map<String, Object> done = detail(second);
    assertEquals("completed", done.get("status"), done.toString());
    assertEquals(List.of(first, second), longs(done.get("executions")));

    Map<?, ?> report = (Map<?, ?>) done.get("report");
    assertNotNull(report, done.toString());
    System.out.println("stopped: " + stopped + "\ndone: " + done);
    assertEquals(EPISODES, longOf(report, "selected"));
    assertEquals(EPISODES, longOf(report, "transcribed"), report.toString());
    assertEquals(0, longOf(report, "failed"));
    assertEquals(0, longOf(report, "unfinished"));
    assertEquals(EPISODES / 60.0, ((Number) report.get("audio_hours")).doubleValue(), 0.001);
    assertTrue(((Number) report.get("pod_hours")).doubleValue() > 0, report.toString());
    assertTrue(((Number) report.get("wall_seconds")).longValue() > 0, report.toString());
    assertNotNull(report.get("cost"));
    for (long episode : episodes) {
      List<Map<?, ?>> jobs = jobs(episode);
      assertEquals(
          1,
          jobs.stream().filter(j -> "completed".equals(j.get("status"))).count(),
          "transcribed exactly once: " + jobs);
      assertEquals("completed", Episodes.episode(api, episode).get("status"));
    }
    assertEquals(409, api.postEmpty("/api/batch/jobs/" + second + "/restart").status());
    List<?> listed =
        (List<?>) api.get("/api/batch/jobs?job_name=transcribe-backlog").json().get("executions");
    assertTrue(listed.size() >= 2, listed.toString());
  }

  @Test
  void refreshFeedsPollsTheSelectedFeedsInParallelPartitions() {
    Api.Reply added =
        api.post("/api/feeds", Map.of("url", base + "/r" + System.nanoTime() + "/feed.xml"));
    assertEquals(201, added.status(), added.body());
    long feedId = added.number("id");
    Api.Reply started =
        api.post(
            "/api/batch/jobs",
            Map.of(
                "job_name",
                "refresh-feeds",
                "parameters",
                Map.of("feeds", List.of(feedId), "parallelism", 2)));
    assertEquals(201, started.status(), started.body());
    long id = started.number("execution_id");
    Await.until("the refresh completed", Duration.ofMinutes(1), () -> finished(id));
    Map<String, Object> done = detail(id);
    assertEquals("completed", done.get("status"), done.toString());
    Map<?, ?> report = (Map<?, ?>) done.get("report");
    assertEquals(1, longOf(report, "feeds"), done.toString());
    assertEquals(1, longOf(report, "refreshed"), report.toString());
    assertEquals(1, longOf(report, "new_episodes"), "the episode that appeared, once");
    List<?> episodes =
        (List<?>) api.get("/api/feeds/" + feedId + "/episodes?limit=50").json().get("episodes");
    assertEquals(EPISODES, episodes.size());
    for (Object o : episodes) {
      long episode = ((Number) ((Map<?, ?>) o).get("id")).longValue();
      List<Map<?, ?>> jobs = jobs(episode);
      assertEquals(1, jobs.size(), "queued once, transcript first (none named): " + jobs);
      api.postEmpty("/api/queue/" + ((Number) jobs.get(0).get("id")).longValue() + "/cancel");
    }
  }

  private List<Map<?, ?>> jobs(long episode) {
    Api.Reply r = api.get("/api/queue?type=transcribe&episode_id=" + episode);
    assertEquals(200, r.status(), r.body());
    return ((List<?>) r.json().get("jobs")).stream().<Map<?, ?>>map(o -> (Map<?, ?>) o).toList();
  }

  private Map<String, Object> detail(long execution) {
    Api.Reply r = api.get("/api/batch/jobs/" + execution);
    assertEquals(200, r.status(), r.body());
    return r.json();
  }

  private Map<?, ?> progress(long execution) {
    return (Map<?, ?>) detail(execution).get("progress");
  }

  private String status(long execution) {
    return (String) detail(execution).get("status");
  }

  private boolean finished(long execution) {
    String s = status(execution);
    if ("failed".equals(s) || "stopped".equals(s) || "abandoned".equals(s)) {
      throw new AssertionError("execution " + execution + " ended " + s + ": " + detail(execution));
    }
    return "completed".equals(s);
  }

  private static long longOf(Map<?, ?> map, String key) {
    Object v = map.get(key);
    assertNotNull(v, key + " in " + map);
    return ((Number) v).longValue();
  }

  private static List<Long> longs(Object list) {
    return ((List<?>) list).stream().map(o -> ((Number) o).longValue()).toList();
  }

  private void put(String key, String value) {
    Api.Reply r = api.put("/api/settings/" + key, Map.of("value", value));
    assertEquals(200, r.status(), r.body());
  }
}
