package dev.cast2md.protocol;

/** Every 4xx and 5xx body: {@code {"detail": "..."}}, as cast2md's FastAPI server answers. */
public record ErrorResponse(String detail) {}
