package dev.cast2md.worker.cli;

import dev.cast2md.worker.logging.EventLog;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "register",
    description =
        "Register this node with the server (enrolment key from NODE_ENROLMENT_KEY, or a pod's"
            + " SETUP_TOKEN) and store its credentials in a 0600 config file.")
final class RegisterCommand implements Callable<Integer> {
  @Option(names = "--server", description = "Server URL (default: CAST2MD_SERVER_URL)")
  String server;

  @Option(names = "--name", description = "Node name (default: NODE_NAME, else the host name)")
  String name;

  @Option(
      names = "--engine",
      description = "sphinx or command (default: TRANSCRIPTION_BACKEND, else sphinx)")
  String engine;

  @Option(names = "--model", description = "Engine model (default: WHISPER_MODEL)")
  String model;

  @Override
  public Integer call() {
    Settings settings = new Settings(System.getenv());
    String url = server != null ? server : settings.get("CAST2MD_SERVER_URL");
    if (url == null) {
      EventLog.error("no server: pass --server or set CAST2MD_SERVER_URL");
      return ExitCodes.USAGE;
    }
    ConfigFile file = new ConfigFile(settings.configPath());
    try {
      Registration.register(
          settings,
          file,
          Settings.normaliseServer(url),
          name != null ? name : settings.defaultName(),
          engine != null ? engine : settings.get("TRANSCRIPTION_BACKEND", "sphinx"),
          model != null ? model : settings.get("WHISPER_MODEL"));
      return ExitCodes.OK;
    } catch (Exception e) {
      EventLog.error("registration failed: %s", e.getMessage());
      return ExitCodes.NOT_REGISTERED;
    }
  }
}
