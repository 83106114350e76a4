package dev.cast2md.protocol;

/**
 * {@code POST /api/nodes/register}, exactly as cast2md's Python node sends it. Credentials travel
 * in headers ({@link NodeHeaders#ENROLMENT_KEY} or {@link NodeHeaders#SETUP_TOKEN}).
 */
public record RegisterRequest(
    String name, String url, String whisperModel, String whisperBackend) {}
