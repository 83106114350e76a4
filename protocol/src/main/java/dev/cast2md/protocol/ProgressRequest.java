package dev.cast2md.protocol;

public record ProgressRequest(Integer progressPercent) {}
