package dev.cast2md.worker.node;

/** A node's identity on the server. {@link #toString()} leaves the key out. */
public record NodeCredentials(String nodeId, String apiKey) {

  @Override
  public String toString() {
    return "node=" + nodeId;
  }
}
