package dev.cast2md.worker.cli;

import dev.cast2md.protocol.RegisterRequest;
import dev.cast2md.protocol.RegisterResponse;
import dev.cast2md.worker.logging.EventLog;
import dev.cast2md.worker.node.HttpNodeClient;
import java.io.IOException;
import java.net.URI;

/** Registers the node with the enrolment key (or a pod's setup token) and stores the answer. */
final class Registration {
  private Registration() {}

  static StoredNode register(
      Settings settings, ConfigFile file, String server, String name, String engine, String model)
      throws IOException {
    String enrolmentKey = settings.get("NODE_ENROLMENT_KEY");
    String setupToken = settings.get("SETUP_TOKEN");
    HttpNodeClient client =
        new HttpNodeClient(
            URI.create(server), null, null, HttpNodeClient.newHttpClient(settings.env()), null);
    RegisterResponse answer =
        client.register(
            new RegisterRequest(name, "http://localhost:" + settings.healthPort(), model, engine),
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
