package dev.cast2md.nodes.control;

import dev.cast2md.protocol.TerminationResponse;

/** Ends the pod a node runs on, when the server manages pods. */
public interface PodTermination {

  /** Terminates the pod with this instance id, whose node asked for it. */
  TerminationResponse terminate(String podInstanceId, String nodeId);

  /** Used when the server manages no pods. */
  PodTermination NONE =
      (podInstanceId, nodeId) ->
          new TerminationResponse(
              "unavailable", "Pod management is not enabled on this server", false);
}
