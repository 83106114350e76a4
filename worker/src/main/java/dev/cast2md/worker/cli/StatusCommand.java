package dev.cast2md.worker.cli;

import dev.cast2md.protocol.HeartbeatRequest;
import dev.cast2md.worker.node.HttpNodeClient;
import dev.cast2md.worker.node.NodeHttpException;
import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

@Command(
    name = "status",
    description =
        "Show the stored registration and test the server with an empty heartbeat (which"
            + " releases nothing). Exit 0 connected, 5 unreachable or refused, 3 not registered.")
final class StatusCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    Settings settings = new Settings(System.getenv());
    ConfigFile file = new ConfigFile(settings.configPath());
    Optional<StoredNode> node;
    try {
      node = file.read();
    } catch (IOException | RuntimeException e) {
      System.out.println("Config:  " + file.path() + " unreadable: " + e.getMessage());
      return ExitCodes.NOT_REGISTERED;
    }
    if (node.isEmpty()) {
      System.out.println("Config:  " + file.path() + " (not registered)");
      return ExitCodes.NOT_REGISTERED;
    }
    StoredNode n = node.get();
    System.out.println("Config:  " + file.path());
    System.out.println("Server:  " + n.serverUrl());
    System.out.println("Node:    " + n.nodeId() + " (" + n.name() + ")");
    System.out.println("Engine:  " + n.engine() + (n.model() == null ? "" : " / " + n.model()));
    HttpNodeClient client =
        new HttpNodeClient(
            URI.create(n.serverUrl()),
            n.nodeId(),
            n.apiKey(),
            HttpNodeClient.newHttpClient(settings.env()),
            null);
    try {
      client.heartbeat(new HeartbeatRequest(null, null, null, null, null));
      System.out.println("Status:  Connected");
      return ExitCodes.OK;
    } catch (NodeHttpException e) {
      System.out.println("Status:  Error (" + e.status() + ")");
    } catch (IOException e) {
      System.out.println("Status:  Unreachable (" + e.getClass().getSimpleName() + ")");
    }
    return ExitCodes.SERVER_UNREACHABLE;
  }
}
