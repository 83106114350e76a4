package dev.cast2md.worker.cli;

/**
 * Process exit codes. The stop policy's reasons have their own (10–13, see StopReason); a SIGTERM
 * or SIGINT stop ends with the JVM's usual 143 / 130.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int USAGE = 2;
  public static final int NOT_REGISTERED = 3;
  public static final int ENGINE_FAILED = 4;
  public static final int SERVER_UNREACHABLE = 5;

  private ExitCodes() {}
}
