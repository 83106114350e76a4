package dev.cast2md.protocol;

/**
 * Paths of the node protocol relative to the server root. Kept identical to cast2md's so that its
 * Python nodes work unchanged.
 */
public final class NodePaths {
  public static final String ROOT = "/api/nodes";
  public static final String REGISTER = ROOT + "/register";

  /** Where RunPod pods are managed; pods report their setup below it. */
  public static final String PODS = "/api/runpod/pods";

  private NodePaths() {}

  public static String heartbeat(String nodeId) {
    return ROOT + "/" + nodeId + "/heartbeat";
  }

  public static String claim(String nodeId) {
    return ROOT + "/" + nodeId + "/claim";
  }

  public static String requestTermination(String nodeId) {
    return ROOT + "/" + nodeId + "/request-termination";
  }

  public static String node(String nodeId) {
    return ROOT + "/" + nodeId;
  }

  public static String audio(long jobId) {
    return ROOT + "/jobs/" + jobId + "/audio";
  }

  public static String complete(long jobId) {
    return ROOT + "/jobs/" + jobId + "/complete";
  }

  public static String progress(long jobId) {
    return ROOT + "/jobs/" + jobId + "/progress";
  }

  public static String fail(long jobId) {
    return ROOT + "/jobs/" + jobId + "/fail";
  }

  public static String release(long jobId) {
    return ROOT + "/jobs/" + jobId + "/release";
  }

  /** A pod's setup report, authorised by its setup token rather than a node key. */
  public static String setupProgress(String instanceId) {
    return PODS + "/" + instanceId + "/setup-progress";
  }
}
