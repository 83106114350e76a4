package dev.cast2md.feeds.boundary;

public record CreateEpisodeRequest(String title, String audioUrl, Integer priority) {}
