package dev.cast2md.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.engine.SpeechFixtures;
import dev.cast2md.worker.engine.WordErrorRate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path with real recognition: the server, real worker processes with the sphinx engine,
 * and a minute of English speech from flite. A worker killed mid-job loses the job to a second
 * worker, which completes it exactly once.
 */
class WorkerEndToEndIT {
  static final Pattern STAMP = Pattern.compile("\\*\\*\\[(?:(\\d+):)?(\\d+):(\\d{2})\\]\\*\\*");

  final LibertyServer server = LibertyServer.get();
  final Api api = new Api(server.base());
  final List<Process> workers = new ArrayList<>();

  @AfterEach
  void stopWorkers() {
    workers.forEach(Process::destroyForcibly);
    api.delete("/api/settings/QUEUE_LEASE_SECONDS");
  }

  @Test
  void aKilledWorkersJobIsFinishedByAnotherWithAnAccurateTranscript() throws Exception {
    Path dir = Files.createDirectories(Path.of("target/e2e"));
    Path speech = SpeechFixtures.synthesize(SpeechFixtures.script(), dir.resolve("speech.wav"));
    Episodes.cancelJobs(api, "queued");
    api.put("/api/settings/QUEUE_LEASE_SECONDS", Map.of("value", "5"));

    long[] ids = Episodes.upload(api, "flite-episode", Files.readAllBytes(speech));
    long job = ids[1];

    Process doomed = startWorker(dir, "e2e-doomed");
    Await.until(
        "the first worker starts work",
        Duration.ofMinutes(2),
        () -> {
          Map<String, Object> j = Episodes.job(api, job);
          return "running".equals(j.get("status")) && ((Number) j.get("attempts")).intValue() >= 1;
        });
    String doomedNode = (String) Episodes.job(api, job).get("assigned_node_id");
    doomed.destroyForcibly().waitFor();

    Process survivor = startWorker(dir, "e2e-survivor");
    Await.until(
        "the second worker completes the episode",
        Duration.ofMinutes(4),
        () -> "completed".equals(Episodes.episode(api, ids[0]).get("status")));
    assertTrue(survivor.isAlive(), "a persistent worker keeps running");

    Map<String, Object> j = Episodes.job(api, job);
    assertEquals("completed", j.get("status"));
    assertTrue(
        !doomedNode.equals(j.get("assigned_node_id")), "completed by the second worker: " + j);
    assertEquals(2, ((Number) j.get("attempts")).intValue(), "one attempt per worker");

    String markdown = api.get("/api/episodes/" + ids[0] + "/transcript").body();
    List<Integer> stamps = new ArrayList<>();
    Matcher m = STAMP.matcher(markdown);
    while (m.find()) {
      int h = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
      stamps.add(h * 3600 + Integer.parseInt(m.group(2)) * 60 + Integer.parseInt(m.group(3)));
    }
    assertTrue(stamps.size() >= 2, "paragraph timestamps: " + markdown);
    for (int i = 1; i < stamps.size(); i++) {
      assertTrue(stamps.get(i) >= stamps.get(i - 1), "timestamps increase: " + stamps);
    }
    assertTrue(stamps.get(stamps.size() - 1) >= 40, "timestamps reach into the episode");
    double wer = WordErrorRate.of(SpeechFixtures.script(), STAMP.matcher(markdown).replaceAll(" "));
    assertTrue(wer <= 0.15, "word error rate " + wer + " for: " + markdown);

    // the worker's transcript is also a Markdown file:
    // <data>/transcripts/standalone/<date>_<title>_<id>.md
    Path files = LibertyServer.get().dataDir().resolve("transcripts/standalone");
    String suffix = "_flite-episode_" + ids[0] + ".md";
    Await.until(
        "the transcript file is written",
        Duration.ofSeconds(90),
        () -> {
          try (var list = Files.list(files)) {
            return list.anyMatch(p -> p.getFileName().toString().endsWith(suffix));
          } catch (IOException e) {
            return false;
          }
        });
  }

  private Process startWorker(Path dir, String name) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name + "-" + System.nanoTime()));
    ProcessBuilder pb = WorkerContainers.workerProcess(home);
    Map<String, String> env = pb.environment();
    env.put("CAST2MD_SERVER_URL", server.base().toString());
    env.put("NODE_ENROLMENT_KEY", LibertyServer.ENROLMENT_KEY);
    env.put("NODE_NAME", name);
    env.put("TRANSCRIPTION_BACKEND", "sphinx");
    env.put("NODE_PERSISTENT", "1");
    Process p = pb.start();
    workers.add(p);
    return p;
  }
}
