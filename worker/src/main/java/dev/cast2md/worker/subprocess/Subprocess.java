package dev.cast2md.worker.subprocess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external program (ffmpeg, pocketsphinx, a user's command) with a hard timeout. Output
 * goes to files rather than pipes so that a chatty program can never block on a full pipe.
 */
public final class Subprocess {
  private Subprocess() {}

  /** What the program left behind: exit status, stdout file and the end of stderr. */
  public record Result(int exitCode, Path stdout, String stderrTail) {
    public String stdoutText() throws IOException {
      return Files.readString(stdout, StandardCharsets.UTF_8);
    }
  }

  /** Thrown when the program ran past its timeout; it has been killed. */
  public static final class TimeoutException extends IOException {
    public TimeoutException(String message) {
      super(message);
    }
  }

  public static Result run(List<String> command, Path workDir, Duration timeout)
      throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path stdout = Files.createTempFile(workDir, "stdout-", ".txt");
    Path stderr = Files.createTempFile(workDir, "stderr-", ".txt");
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .start();
    } catch (IOException e) {
      throw new IOException("cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw new TimeoutException(
            command.get(0) + " did not finish within " + timeout.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      // Shutdown or a released job: the program must not outlive the worker's interest in it.
      kill(process);
      throw e;
    }
    String tail = tail(Files.readString(stderr, StandardCharsets.UTF_8), 600);
    Files.deleteIfExists(stderr);
    return new Result(process.exitValue(), stdout, tail);
  }

  private static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(5, TimeUnit.SECONDS);
  }

  static String tail(String text, int max) {
    String trimmed = text.strip();
    return trimmed.length() <= max ? trimmed : trimmed.substring(trimmed.length() - max);
  }
}
