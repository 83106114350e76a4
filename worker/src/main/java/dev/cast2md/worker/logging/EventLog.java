package dev.cast2md.worker.logging;

import java.io.PrintStream;
import java.time.Instant;

/**
 * One line per event on stderr, with the job id when there is one, so that a test or an operator
 * can follow a job with grep. Secrets are never passed in here; callers log ids, not keys.
 */
public final class EventLog {
  private static volatile PrintStream out = System.err;

  private EventLog() {}

  public static void info(String format, Object... args) {
    write("INFO", null, format, args);
  }

  public static void warn(String format, Object... args) {
    write("WARN", null, format, args);
  }

  public static void error(String format, Object... args) {
    write("ERROR", null, format, args);
  }

  public static void job(long jobId, String format, Object... args) {
    write("INFO", jobId, format, args);
  }

  public static void jobWarn(long jobId, String format, Object... args) {
    write("WARN", jobId, format, args);
  }

  public static void jobError(long jobId, String format, Object... args) {
    write("ERROR", jobId, format, args);
  }

  /** Tests redirect the log to keep their output readable. */
  public static void redirect(PrintStream target) {
    out = target;
  }

  private static void write(String level, Long jobId, String format, Object... args) {
    String message = args.length == 0 ? format : String.format(format, args);
    String job = jobId == null ? "" : "job=" + jobId + " ";
    // One println per event so that lines from concurrent threads never interleave.
    out.println(
        Instant.now()
            + " "
            + level
            + " ["
            + Thread.currentThread().getName()
            + "] "
            + job
            + message.replace('\n', ' '));
  }
}
