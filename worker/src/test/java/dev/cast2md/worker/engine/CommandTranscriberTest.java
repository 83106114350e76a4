package dev.cast2md.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandTranscriberTest {
  @TempDir Path dir;

  private Path script(String body) throws Exception {
    Path script = dir.resolve("asr.sh");
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private EngineSettings settings(String template) {
    return new EngineSettings("command", null, template, null, 1, 0, 30, dir.resolve("work"));
  }

  @Test
  void runsTheProgramOnAWavAndReadsItsSrt() throws Exception {
    // The fake engine proves it got a WAV, then answers with a subtitle file.
    Path asr =
        script(
            "head -c 4 \"$1\" | grep -q RIFF || exit 3\n"
                + "printf '1\\n00:00:00,500 --> 00:00:01,000\\nhello from %s\\n' \"$3\" > \"$2\"");
    Transcriber t =
        TranscriberFactory.create(
            new EngineSettings(
                "command", "tiny", asr + " {input} {output} {model}", null, 1, 0, 30, dir));
    t.load();
    List<ChunkTranscript> out =
        t.transcribe(
            List.of(new AudioChunk(0, 0, new float[16000]), new AudioChunk(1, 1, new float[8000])));
    assertEquals(2, out.size());
    assertEquals(List.of(new TimedText(0.5, 1.0, "hello from tiny")), out.get(1).items());
    assertEquals("tiny", t.model());
  }

  @Test
  void aFailingProgramIsAnEngineErrorWithItsMessage() throws Exception {
    Path asr = script("echo 'CUDA out of memory' >&2; exit 1");
    Transcriber t = TranscriberFactory.create(settings(asr + " {input} {output}"));
    EngineException e =
        assertThrows(
            EngineException.class,
            () -> t.transcribe(List.of(new AudioChunk(0, 0, new float[10]))));
    assertTrue(e.getMessage().contains("CUDA out of memory"), e.getMessage());
  }

  @Test
  void aTemplateWithoutPlaceholdersIsRefused() {
    assertThrows(EngineException.class, () -> TranscriberFactory.create(settings("asr {input}")));
  }

  @Test
  void smokeTestFailsForAMissingProgram() throws Exception {
    Transcriber t = TranscriberFactory.create(settings("/nonexistent/asr {input} {output}"));
    assertThrows(EngineException.class, () -> SmokeTest.run(t, Duration.ofSeconds(120)));
  }

  @Test
  void smokeTestPassesForAWorkingProgram() throws Exception {
    Path asr = script("echo '[]' > \"$2\"");
    SmokeTest.run(
        TranscriberFactory.create(settings(asr + " {input} {output}")), Duration.ofSeconds(120));
  }
}
