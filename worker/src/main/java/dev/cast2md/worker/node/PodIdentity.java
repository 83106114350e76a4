package dev.cast2md.worker.node;

/**
 * What makes this worker a RunPod pod of the server: the instance id and one-time setup token the
 * server gave the pod ({@code INSTANCE_ID}, {@code SETUP_TOKEN}) and, when the start-up script
 * knows it, the pod's Tailscale address ({@code POD_HOST_IP}). {@link #toString()} leaves the token
 * out.
 */
public record PodIdentity(String instanceId, String setupToken, String hostIp) {

  @Override
  public String toString() {
    return "pod instance=" + instanceId + (hostIp == null ? "" : " host_ip=" + hostIp);
  }
}
