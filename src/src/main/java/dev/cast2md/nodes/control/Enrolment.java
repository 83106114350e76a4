package dev.cast2md.nodes.control;

/**
 * Who may register a node: holders of the enrolment key, pods with an unused setup token, or anyone
 * when open registration is switched on for a trusted network.
 *
 * @param enrolmentKeyHash SHA-256 of the enrolment key
 * @param openRegistration true lets stock cast2md nodes register without a key
 */
public record Enrolment(String enrolmentKeyHash, boolean openRegistration) {

  public boolean acceptsKey(String presented) {
    return NodeKeys.matches(presented, enrolmentKeyHash);
  }
}
