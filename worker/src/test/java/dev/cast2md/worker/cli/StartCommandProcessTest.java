package dev.cast2md.worker.cli;

import static dev.cast2md.worker.node.FakeNodeServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.protocol.ProtocolJson;
import dev.cast2md.protocol.SetupProgressRequest;
import dev.cast2md.worker.engine.WavWriter;
import dev.cast2md.worker.node.FakeNodeServer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code start} as a separate process configured only by environment variables, like a pod. */
class StartCommandProcessTest {
  @TempDir Path dir;
  private FakeNodeServer server;
  private byte[] audio;
  private final List<String> unset = new ArrayList<>();
  private final Map<String, String> extraEnv = new java.util.HashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    server = new FakeNodeServer();
    Path wav = dir.resolve("tone.wav");
    WavWriter.write(new float[16000], 16000, wav);
    audio = Files.readAllBytes(wav);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  private Path script(String body) throws Exception {
    Path script = dir.resolve("asr.sh");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private Process start(Path asr, String... command) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            List.of(
                    List.of(
                        System.getProperty("java.home") + "/bin/java",
                        "-cp",
                        System.getProperty("java.class.path"),
                        WorkerMain.class.getName()),
                    List.of(command))
                .stream()
                .flatMap(List::stream)
                .toList());
    Map<String, String> env = builder.environment();
    env.put("CAST2MD_SERVER_URL", server.url().toString());
    env.put("NODE_ENROLMENT_KEY", "enrol-secret");
    env.put("NODE_NAME", "RunPod Afterburner test1");
    env.put("TRANSCRIPTION_BACKEND", "command");
    env.put("NODE_COMMAND", asr + " {input} {output}");
    env.put("NODE_CONFIG", dir.resolve("conf/worker.json").toString());
    env.put("NODE_WORK_DIR", dir.resolve("work").toString());
    env.put("NODE_POLL_INTERVAL_SECONDS", "1");
    env.put("NODE_HEARTBEAT_INTERVAL_SECONDS", "1");
    env.put("NODE_EMPTY_QUEUE_WAIT", "1");
    env.put("NODE_SHUTDOWN_GRACE_SECONDS", "1");
    env.put("NODE_HEALTH_PORT", "0");
    env.remove("http_proxy");
    env.putAll(extraEnv);
    unset.forEach(env::remove);
    builder.redirectErrorStream(true).redirectOutput(dir.resolve("worker.log").toFile());
    return builder.start();
  }

  private String log() throws Exception {
    return Files.readString(dir.resolve("worker.log"));
  }

  @Test
  void registersProcessesAJobAndExitsWithTheEmptyQueueCode() throws Exception {
    server.enqueue(1, audio);
    Path asr = script("printf '1\\n00:00:00,100 --> 00:00:00,900\\nhello world\\n' > \"$2\"");
    Process worker = start(asr, "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "worker did not stop by itself");
    String log = log();
    assertEquals(10, worker.exitValue(), log);
    assertEquals("enrol-secret", server.calls("/register").get(0).enrolment());
    assertTrue(server.calls("/jobs/1/complete").get(0).body().contains("hello world"));
    assertEquals(1, server.calls("/request-termination").size());
    assertTrue(log.contains("job=1 completed"), log);
    assertTrue(!log.contains("secret-key") && !log.contains("enrol-secret"), "secrets in the log");
    Path config = dir.resolve("conf/worker.json");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
  }

  @Test
  void sigtermReleasesTheJobBeingTranscribed() throws Exception {
    server.enqueue(1, audio);
    server.enqueue(2, audio);
    Path asr = script("sleep 120");
    Process worker = start(asr, "start");
    await(
        "job 2 prefetched while job 1 transcribes",
        () ->
            server.calls("/jobs/2/audio").size() > 0
                || server.calls("GET", p -> p.endsWith("/jobs/2/audio")).size() > 0);
    Thread.sleep(500);
    worker.destroy();
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
    String log = log();
    assertEquals(1, server.calls("/jobs/1/release").size(), log);
    assertEquals(1, server.calls("/jobs/2/release").size(), log);
    assertTrue(server.calls("/complete").isEmpty());
  }

  @Test
  void smokeTestExitsNonZeroWhenTheEngineIsBroken() throws Exception {
    Process ok = start(script("echo '[]' > \"$2\""), "smoke-test");
    assertTrue(ok.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, ok.exitValue(), log());
    Process broken = start(script("exit 1"), "smoke-test");
    assertTrue(broken.waitFor(60, TimeUnit.SECONDS));
    assertEquals(ExitCodes.ENGINE_FAILED, broken.exitValue(), log());
  }

  @Test
  void statusReportsAConnectedNodeAfterRegistration() throws Exception {
    Process register = start(script("true"), "register");
    assertTrue(register.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, register.exitValue(), log());
    Process status = start(script("true"), "status");
    assertTrue(status.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, status.exitValue(), log());
    assertTrue(log().contains("Connected"), log());
    assertTrue(new File(dir.resolve("conf/worker.json").toString()).exists());
  }

  private ConfigFile registeredAsN1() throws Exception {
    ConfigFile file = new ConfigFile(dir.resolve("conf/worker.json"));
    file.write(
        new StoredNode(
            Settings.normaliseServer(server.url().toString()),
            "n1",
            "secret-key",
            "RunPod Afterburner test1",
            "command",
            null));
    return file;
  }

  private static String srtScript() {
    return "printf '1\\n00:00:00,100 --> 00:00:00,900\\nhello world\\n' > \"$2\"";
  }

  @Test
  void aNodeDeletedOnTheServerRegistersAgainSavesTheNewKeyAndCarriesOn() throws Exception {
    ConfigFile file = registeredAsN1();
    server.forgetNode();
    server.enqueue(1, audio);
    Process worker = start(script(srtScript()), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "worker did not stop by itself");
    String log = log();
    assertEquals(10, worker.exitValue(), log);
    assertEquals(1, server.calls("/register").size(), "registered again exactly once");
    assertEquals("enrol-secret", server.calls("/register").get(0).enrolment());
    assertTrue(server.calls("/jobs/1/complete").get(0).body().contains("hello world"), log);
    assertEquals("secret-key-2", server.calls("/jobs/1/complete").get(0).key());
    assertTrue(server.calls("/api/nodes/n2/claim").size() > 0);
    StoredNode saved = file.read().orElseThrow();
    assertEquals("n2", saved.nodeId());
    assertEquals("secret-key-2", saved.apiKey());
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
    assertTrue(log.contains("registering again"), log);
    assertTrue(!log.contains("secret-key") && !log.contains("enrol-secret"), "secrets in the log");
  }

  @Test
  void aNodeDeletedOnTheServerWithoutAKeyStopsAsNotRegistered() throws Exception {
    registeredAsN1();
    server.forgetNode();
    unset.add("NODE_ENROLMENT_KEY");
    unset.add("SETUP_TOKEN");
    Process worker = start(script(srtScript()), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "worker did not stop by itself");
    String log = log();
    assertEquals(ExitCodes.NOT_REGISTERED, worker.exitValue(), log);
    assertTrue(server.calls("/register").isEmpty());
    assertTrue(log.contains("not registered"), log);
  }

  @Test
  void aRefusedReRegistrationStopsAsNotRegistered() throws Exception {
    registeredAsN1();
    server.forgetNode();
    server.registerStatus = 401;
    Process worker = start(script(srtScript()), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "worker did not stop by itself");
    String log = log();
    assertEquals(ExitCodes.NOT_REGISTERED, worker.exitValue(), log);
    assertEquals(1, server.calls("/register").size(), "a refusal is not retried");
    assertTrue(log.contains("not registered"), log);
  }

  // ---- a RunPod pod: setup reports ----

  private static final String SETUP_TOKEN = "pod-setup-token-secret";

  /** The environment the server gives a pod: instance id and setup token, no enrolment key. */
  private void asPod(String hostIp) {
    extraEnv.put("INSTANCE_ID", "inst42");
    extraEnv.put("SETUP_TOKEN", SETUP_TOKEN);
    if (hostIp != null) {
      extraEnv.put("POD_HOST_IP", hostIp);
    }
    unset.add("NODE_ENROLMENT_KEY");
  }

  private List<SetupProgressRequest> setupReports() {
    var jsonb = ProtocolJson.create();
    return server.calls("/api/runpod/pods/inst42/setup-progress").stream()
        .map(r -> jsonb.fromJson(r.body(), SetupProgressRequest.class))
        .toList();
  }

  private static List<String> phasesAndMessages(List<SetupProgressRequest> reports) {
    return reports.stream().map(r -> r.phase() + " " + r.message()).toList();
  }

  @Test
  void aPodReportsItsSetupInOrderRegistersWithItsTokenAndWorks() throws Exception {
    asPod("100.64.0.9");
    extraEnv.put("WHISPER_MODEL", "tiny-test");
    server.enqueue(1, audio);
    Process worker = start(script(srtScript()), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS), "worker did not stop by itself");
    String log = log();
    assertEquals(10, worker.exitValue(), log);
    assertTrue(server.calls("/jobs/1/complete").get(0).body().contains("hello world"), log);

    assertEquals(
        List.of(
            "installing Loading model tiny-test...",
            "installing Running GPU validation...",
            "installing Registering node...",
            "ready Worker is running"),
        phasesAndMessages(setupReports()),
        log);
    setupReports().forEach(r -> assertEquals("100.64.0.9", r.hostIp()));
    server
        .calls("/setup-progress")
        .forEach(r -> assertEquals(SETUP_TOKEN, r.setupToken(), "token header"));
    assertEquals(SETUP_TOKEN, server.calls("/register").get(0).setupToken());
    assertTrue(
        server.requests.indexOf(server.calls("/register").get(0))
            < server.requests.indexOf(server.calls("/setup-progress").get(3)),
        "ready only once registered");
    assertTrue(!log.contains(SETUP_TOKEN) && !log.contains("secret-key"), "secrets in the log");
  }

  @Test
  void aPodWhoseSetupReportsFailKeepsWorking() throws Exception {
    asPod(null);
    server.setupProgressStatus = 500;
    server.enqueue(1, audio);
    Process worker = start(script(srtScript()), "start");
    assertTrue(worker.waitFor(90, TimeUnit.SECONDS), "worker did not stop by itself");
    String log = log();
    assertEquals(10, worker.exitValue(), log);
    assertTrue(server.calls("/jobs/1/complete").get(0).body().contains("hello world"), log);
    assertTrue(server.calls("/setup-progress").size() >= 4, log);
    assertTrue(log.contains("setup report 'ready' failed"), log);
    assertTrue(!log.contains(SETUP_TOKEN), "the token is never logged");
  }

  @Test
  void aPodWhoseEngineCannotLoadReportsFailedAndExitsWithTheEngineCode() throws Exception {
    asPod("100.64.0.9");
    Process worker = start(dir.resolve("no-such-asr"), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
    String log = log();
    assertEquals(ExitCodes.ENGINE_FAILED, worker.exitValue(), log);
    List<SetupProgressRequest> reports = setupReports();
    assertEquals(
        List.of("installing Loading the command engine...", "failed Engine failed to load"),
        phasesAndMessages(reports),
        log);
    assertTrue(reports.get(1).error().contains("not found"), reports.get(1).error());
    assertEquals("100.64.0.9", reports.get(1).hostIp());
    assertTrue(server.calls("/register").isEmpty(), "a node that cannot work never registers");
  }

  @Test
  void aPodAskedForAModelItsEngineCannotLoadReportsFailedWithTheReasonAndDownloadsNothing()
      throws Exception {
    asPod("100.64.0.9");
    extraEnv.put("TRANSCRIPTION_BACKEND", "parakeet");
    extraEnv.put("WHISPER_MODEL", "large-v3");
    extraEnv.put("NODE_MODEL_CACHE", dir.resolve("models").toString());
    Process worker = start(dir.resolve("unused-asr"), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
    String log = log();
    assertEquals(ExitCodes.ENGINE_FAILED, worker.exitValue(), log);
    List<SetupProgressRequest> reports = setupReports();
    assertEquals(
        List.of("installing Loading model large-v3...", "failed Engine failed to load"),
        phasesAndMessages(reports),
        log);
    String reason =
        "model 'large-v3' is a whisper model; the parakeet engine serves: parakeet-tdt-0.6b-v3,"
            + " parakeet-tdt-0.6b-v3-int8";
    assertEquals(reason, reports.get(1).error());
    assertTrue(log.contains(reason), log);
    assertTrue(server.calls("/register").isEmpty(), "a node that cannot work never registers");
    assertTrue(!Files.exists(dir.resolve("models")), "nothing downloaded or even cached");
  }

  @Test
  void sphinxRefusesAWhisperModelInsteadOfRegisteringUnderItsName() throws Exception {
    extraEnv.put("TRANSCRIPTION_BACKEND", "sphinx");
    extraEnv.put("WHISPER_MODEL", "large-v3");
    Process worker = start(dir.resolve("unused-asr"), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
    String log = log();
    assertEquals(ExitCodes.ENGINE_FAILED, worker.exitValue(), log);
    assertTrue(
        log.contains(
            "model 'large-v3' is a whisper model; the sphinx engine runs the pocketsphinx model"
                + " in SPHINX_MODEL_DIR"),
        log);
    assertTrue(server.calls("/register").isEmpty());
  }

  @Test
  void aPodWhoseGpuValidationFailsReportsFailedAndExitsWithTheEngineCode() throws Exception {
    asPod(null);
    Process worker = start(script("echo 'CUDA error: no device' >&2; exit 1"), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
    String log = log();
    assertEquals(ExitCodes.ENGINE_FAILED, worker.exitValue(), log);
    List<SetupProgressRequest> reports = setupReports();
    assertEquals(
        List.of(
            "installing Loading the command engine...",
            "installing Running GPU validation...",
            "failed GPU validation failed"),
        phasesAndMessages(reports),
        log);
    assertTrue(reports.get(2).error() != null && !reports.get(2).error().isBlank(), log);
    assertTrue(server.calls("/register").isEmpty(), "a node that cannot work never registers");
  }

  @Test
  void aWorkerThatIsNoPodReportsNoSetup() throws Exception {
    server.enqueue(1, audio);
    Process worker = start(script(srtScript()), "start");
    assertTrue(worker.waitFor(60, TimeUnit.SECONDS));
    assertEquals(10, worker.exitValue(), log());
    assertTrue(server.calls("/setup-progress").isEmpty());
  }
}
