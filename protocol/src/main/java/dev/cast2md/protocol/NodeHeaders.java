package dev.cast2md.protocol;

/** HTTP header names of the node protocol, as cast2md's Python nodes send them. */
public final class NodeHeaders {
  /** The node's own key, issued at registration. */
  public static final String TRANSCRIBER_KEY = "X-Transcriber-Key";

  /** The enrolment secret that allows a new node to register. */
  public static final String ENROLMENT_KEY = "X-Enrolment-Key";

  /** A pod's one-time setup token; registering with it binds the node to the pod. */
  public static final String SETUP_TOKEN = "X-Setup-Token";

  private NodeHeaders() {}
}
