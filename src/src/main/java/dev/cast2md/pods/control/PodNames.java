package dev.cast2md.pods.control;

import java.security.SecureRandom;
import java.util.HexFormat;

/** How the server names its pods: anything with the prefix is ours, whoever remembers it. */
public final class PodNames {
  public static final String PREFIX = "cast2md-afterburner-";
  private static final SecureRandom RANDOM = new SecureRandom();

  private PodNames() {}

  public static String newInstanceId() {
    byte[] bytes = new byte[4];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static String podName(String instanceId) {
    return PREFIX + instanceId;
  }

  public static boolean ours(String podName) {
    return podName != null && podName.startsWith(PREFIX);
  }

  /** The seed's node name for RunPod pods (its clean-up matches it); plain for local workers. */
  public static String nodeName(String provider, String instanceId) {
    return (LocalPodProvider.NAME.equals(provider) ? "Local worker " : "RunPod Afterburner ")
        + instanceId;
  }
}
