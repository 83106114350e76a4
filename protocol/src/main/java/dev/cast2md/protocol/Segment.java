package dev.cast2md.protocol;

/** One timed piece of a transcript, seconds from the start of the episode. */
public record Segment(Double start, Double end, String text) {}
