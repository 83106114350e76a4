package dev.cast2md.worker.cli;

/** The registration kept in the config file. {@link #toString()} leaves the key out. */
public record StoredNode(
    String serverUrl, String nodeId, String apiKey, String name, String engine, String model) {

  @Override
  public String toString() {
    return "server=" + serverUrl + " node=" + nodeId + " name=" + name + " engine=" + engine;
  }
}
