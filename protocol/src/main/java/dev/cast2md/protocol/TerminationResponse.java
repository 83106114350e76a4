package dev.cast2md.protocol;

/** Answer to request-termination; always a JSON object, as the Python node requires. */
public record TerminationResponse(String status, String message, Boolean terminated) {}
