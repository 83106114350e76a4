package dev.cast2md.worker.cli;

import dev.cast2md.worker.afterburner.AfterburnerCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code cast2md-worker.jar}. */
@Command(
    name = "cast2md-worker",
    mixinStandardHelpOptions = true,
    description = "The cast2md transcriber node.",
    subcommands = {
      RegisterCommand.class,
      StartCommand.class,
      SmokeTestCommand.class,
      StatusCommand.class,
      AfterburnerCommand.class
    })
public final class WorkerMain implements Runnable {

  public static void main(String[] args) {
    System.exit(new CommandLine(new WorkerMain()).execute(args));
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
