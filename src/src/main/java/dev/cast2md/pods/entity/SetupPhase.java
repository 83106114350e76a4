package dev.cast2md.pods.entity;

import java.util.Locale;
import java.util.Optional;

/** Where a pod is on its way from a create request to a working node. */
public enum SetupPhase {
  CREATING,
  STARTING,
  CONNECTING,
  INSTALLING,
  READY,
  FAILED;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean settingUp() {
    return this != READY && this != FAILED;
  }

  public static SetupPhase fromWire(String value) {
    return valueOf(value.trim().toUpperCase(Locale.ROOT));
  }

  /** The phases a pod may report about itself; the rest are the server's. */
  public static Optional<SetupPhase> reportable(String value) {
    if (value == null) {
      return Optional.empty();
    }
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "connecting" -> Optional.of(CONNECTING);
      case "installing" -> Optional.of(INSTALLING);
      case "ready" -> Optional.of(READY);
      case "failed" -> Optional.of(FAILED);
      default -> Optional.empty();
    };
  }
}
