package dev.cast2md.protocol;

import jakarta.json.bind.annotation.JsonbNillable;

/**
 * {@code POST /api/runpod/pods/{instance_id}/setup-progress}, authorised by the pod's {@link
 * NodeHeaders#SETUP_TOKEN}: where a pod's setup stands. {@code error} only with {@link #FAILED};
 * {@code hostIp} is the pod's Tailscale address, left out when the pod does not know it.
 */
@JsonbNillable(false)
public record SetupProgressRequest(String phase, String message, String error, String hostIp) {
  public static final String CONNECTING = "connecting";
  public static final String INSTALLING = "installing";
  public static final String READY = "ready";
  public static final String FAILED = "failed";
}
