package dev.cast2md.worker.afterburner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AfterburnerConfigTest {

  @Test
  void defaultsAreTheSeeds() {
    AfterburnerConfig c =
        AfterburnerConfig.from(Map.of("CAST2MD_SERVER_URL", "cast2md:8000/"), null);
    assertEquals("http://cast2md:8000", c.server().toString());
    assertEquals(Duration.ofSeconds(30), c.poll());
    assertEquals(Duration.ofSeconds(60), c.emptyWait());
    assertNull(c.maxRuntime());
    assertNull(c.authorization());
    assertEquals(AfterburnerConfig.DEFAULT_RUNPOD_API, c.runPodApi().toString());
  }

  @Test
  void basicCredentialsOrATokenAndNeverInTheDescription() {
    AfterburnerConfig basic =
        AfterburnerConfig.from(
            Map.of(
                "CAST2MD_SERVER_URL", "http://s:8000",
                "CAST2MD_ADMIN_USER", "admin",
                "CAST2MD_ADMIN_PASSWORD", "pw-SECRET"),
            null);
    assertEquals(
        "Basic "
            + Base64.getEncoder()
                .encodeToString("admin:pw-SECRET".getBytes(StandardCharsets.UTF_8)),
        basic.authorization());
    assertFalse(basic.toString().contains("pw-SECRET"));
    AfterburnerConfig token =
        AfterburnerConfig.from(
            Map.of(
                "CAST2MD_SERVER_URL", "http://s:8000",
                "CAST2MD_API_TOKEN", "tok-SECRET",
                "RUNPOD_API_KEY", "rpa_SECRET"),
            null);
    assertEquals("Bearer tok-SECRET", token.authorization());
    assertFalse(token.toString().contains("SECRET"), token.toString());
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AfterburnerConfig.from(
                    Map.of(
                        "CAST2MD_ADMIN_USER", "admin",
                        "AFTERBURNER_POLL_SECONDS", "0",
                        "AFTERBURNER_MAX_RUNTIME", "an hour"),
                    null));
    String m = e.getMessage();
    assertTrue(m.contains("CAST2MD_SERVER_URL is required"), m);
    assertTrue(m.contains("must be set together"), m);
    assertTrue(m.contains("AFTERBURNER_POLL_SECONDS must be at least 1"), m);
    assertTrue(m.contains("AFTERBURNER_MAX_RUNTIME must be a whole number"), m);
  }

  @Test
  void theServerFlagWinsOverTheEnvironment() {
    AfterburnerConfig c =
        AfterburnerConfig.from(Map.of("CAST2MD_SERVER_URL", "ftp://nope"), "https://s.example");
    assertEquals("https://s.example", c.server().toString());
  }

  @Test
  void anEnvFileFillsInWhatTheEnvironmentLacks(@TempDir Path dir) throws Exception {
    Path file = dir.resolve(".env");
    Files.writeString(
        file,
        "# comment\nexport CAST2MD_SERVER_URL=\"http://file:8000\"\n"
            + "AFTERBURNER_POLL_SECONDS=5 # fast\nRUNPOD_API_KEY='rpa_x'\n\nnot a line\n");
    Map<String, String> env = EnvFile.merge(Map.of("AFTERBURNER_POLL_SECONDS", "7"), file);
    assertEquals("http://file:8000", env.get("CAST2MD_SERVER_URL"));
    assertEquals("7", env.get("AFTERBURNER_POLL_SECONDS"), "the environment wins");
    assertEquals("rpa_x", env.get("RUNPOD_API_KEY"));
  }

  @Test
  void queueWorkCountsTheTypesThatEndInATranscription() {
    var json =
        jakarta.json.Json.createReader(
                new java.io.StringReader(
                    "{\"by_type\":{\"transcribe\":{\"queued\":3,\"running\":1,\"completed\":9},"
                        + "\"download\":{\"queued\":2},\"embed\":{\"queued\":50}}}"))
            .readObject();
    QueueWork w = QueueWork.of(json);
    assertEquals(5, w.queued());
    assertEquals(1, w.running());
  }
}
