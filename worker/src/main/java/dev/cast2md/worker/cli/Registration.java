package dev.cast2md.worker.cli;

import dev.cast2md.protocol.RegisterRequest;
import dev.cast2md.protocol.RegisterResponse;
import dev.cast2md.worker.logging.EventLog;
import dev.cast2md.worker.node.HttpNodeClient;
import java.io.IOException;
import java.net.URI;
import java.util.Map;

/** Registers the node with the enrolment key (or a pod's setup token) and stores the answer. */
final class Registration {
  private Registration() {}

  static StoredNode register(
      Settings settings, ConfigFile file, String server, String name, String engine, String model)
      throws IOException {
    return register(
        settings.env(),
        settings.healthPort(),
        settings.get("NODE_ENROLMENT_KEY"),
        settings.get("SETUP_TOKEN"),
        file,
        server,
        name,
        engine,
        model);
  }

  static StoredNode register(
      Map<String, String> env,
      int healthPort,
      String enrolmentKey,
      String setupToken,
      ConfigFile file,
      String server,
      String name,
      String engine,
      String model)
      throws IOException {
    HttpNodeClient client =
        new HttpNodeClient(URI.create(server), null, null, HttpNodeClient.newHttpClient(env), null);
    RegisterResponse answer =
        client.register(
            new RegisterRequest(name, "http://localhost:" + healthPort, model, engine),
            enrolmentKey,
            setupToken);
    if (answer == null || answer.nodeId() == null || answer.apiKey() == null) {
      throw new IOException("the server's registration answer has no node id or key");
    }
    StoredNode node = new StoredNode(server, answer.nodeId(), answer.apiKey(), name, engine, model);
    file.write(node);
    EventLog.info(
        "registered as node %s with %s; saved to %s", answer.nodeId(), server, file.path());
    return node;
  }
}
