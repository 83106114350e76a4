package dev.cast2md.nodes.entity;

public enum NodeStatus {
  ONLINE,
  OFFLINE,
  BUSY;

  public String wire() {
    return name().toLowerCase();
  }

  public static NodeStatus parse(String value) {
    return value == null ? OFFLINE : valueOf(value.trim().toUpperCase());
  }
}
