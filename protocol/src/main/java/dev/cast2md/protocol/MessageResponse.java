package dev.cast2md.protocol;

public record MessageResponse(String message) {}
