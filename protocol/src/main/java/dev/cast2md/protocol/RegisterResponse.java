package dev.cast2md.protocol;

/** The node's id and its key; the key is shown only here, the server keeps a hash. */
public record RegisterResponse(String nodeId, String apiKey, String message) {}
