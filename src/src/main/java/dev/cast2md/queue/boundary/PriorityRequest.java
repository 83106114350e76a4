package dev.cast2md.queue.boundary;

public record PriorityRequest(Integer priority) {}
