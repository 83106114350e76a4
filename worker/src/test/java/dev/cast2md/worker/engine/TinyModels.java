package dev.cast2md.worker.engine;

import dev.cast2md.worker.audio.AudioDecoder;
import dev.cast2md.worker.audio.DecodedAudio;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Tiny random models written at test time by the project's own scripts ({@code src/test/scripts})
 * into {@code target/tiny-models}: no weights are downloaded or committed. Debian's {@code
 * /usr/bin/python3} with python3-onnx and python3-numpy writes them ({@code .ci/run} installs
 * both); a machine without them skips these tests with a message saying so, while a script that
 * runs and fails fails the test.
 */
public final class TinyModels {
  private static final String PYTHON = "/usr/bin/python3";
  private static final Path SCRIPTS = Path.of("src", "test", "scripts");
  private static final Path OUT = Path.of("target", "tiny-models");

  private TinyModels() {}

  /**
   * A directory with the onnx-asr Parakeet TDT layout and a preprocessor ({@code nemo128.onnx}).
   */
  public static synchronized Path parakeet() throws IOException, InterruptedException {
    Path dir = OUT.resolve("parakeet").toAbsolutePath();
    if (!Files.isRegularFile(dir.resolve("config.json"))) {
      requirePython("onnx, numpy", "python3-onnx python3-numpy");
      List<String> command =
          new java.util.ArrayList<>(
              List.of(PYTHON, SCRIPTS.resolve("make_tiny_parakeet.py").toString(), dir.toString()));
      if (Files.isRegularFile(jfkWav())) {
        command.add(jfkWav().toString());
      }
      run(command);
    }
    return dir;
  }

  /** A random-weight ggml Whisper model file. */
  public static synchronized Path whisper() throws IOException, InterruptedException {
    Path file = OUT.resolve("whisper").resolve("ggml-tiny-random.bin").toAbsolutePath();
    if (!Files.isRegularFile(file)) {
      requirePython("numpy", "python3-numpy");
      Files.createDirectories(file.getParent());
      run(List.of(PYTHON, SCRIPTS.resolve("make_tiny_whisper.py").toString(), file.toString()));
    }
    return file;
  }

  /** The JFK recording of the shared fixtures as 16 kHz mono samples, decoded by ffmpeg. */
  public static float[] jfk(Path workDir) throws IOException, InterruptedException {
    Path wav = jfkWav();
    Assumptions.assumeTrue(Files.isRegularFile(wav), "shared/testdata/jfk.wav is missing");
    DecodedAudio audio = AudioDecoder.withDefaults().decode(wav, workDir.resolve("jfk.f32"));
    return audio.read(0, audio.sampleCount());
  }

  private static Path jfkWav() {
    return Path.of(System.getProperty("testdata.dir", "../../shared/testdata"), "jfk.wav")
        .toAbsolutePath();
  }

  private static void requirePython(String modules, String packages)
      throws IOException, InterruptedException {
    boolean present = Files.isExecutable(Path.of(PYTHON));
    if (present) {
      Process probe =
          new ProcessBuilder(PYTHON, "-c", "import " + modules)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      present = probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }
    Assumptions.assumeTrue(
        present,
        PYTHON
            + " cannot import "
            + modules
            + ": apt-get install "
            + packages
            + " to run this test");
  }

  private static void run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException(command + " did not finish within 120 s");
    }
    if (process.exitValue() != 0) {
      throw new IOException(command + " failed: " + new String(output));
    }
  }
}
