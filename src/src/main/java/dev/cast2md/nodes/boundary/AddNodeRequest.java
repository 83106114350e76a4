package dev.cast2md.nodes.boundary;

public record AddNodeRequest(
    String name, String url, String whisperModel, String whisperBackend, Integer priority) {}
