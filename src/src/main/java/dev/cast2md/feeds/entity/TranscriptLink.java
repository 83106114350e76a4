package dev.cast2md.feeds.entity;

/** A {@code <podcast:transcript>} tag of an episode: where the publisher's transcript is. */
public record TranscriptLink(String url, String type, String language, String rel) {}
