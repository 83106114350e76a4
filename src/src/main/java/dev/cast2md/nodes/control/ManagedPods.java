package dev.cast2md.nodes.control;

import dev.cast2md.protocol.TerminationResponse;
import java.sql.Connection;
import java.sql.SQLException;

/** What the node protocol tells the pod manager: a pod's node asks to end, or finished a job. */
public interface ManagedPods {

  /** Terminates the pod with this instance id, whose node asked for it. */
  TerminationResponse terminate(String podInstanceId, String nodeId);

  /** Counts a delivered transcript against the pod's cost record, in the delivery's transaction. */
  default void jobCompleted(Connection c, String podInstanceId, double audioSeconds)
      throws SQLException {}

  /** Used when the server manages no pods. */
  ManagedPods NONE =
      (podInstanceId, nodeId) ->
          new TerminationResponse(
              "unavailable", "Pod management is not enabled on this server", false);
}
