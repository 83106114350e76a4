package dev.cast2md.feeds.entity;

/** A podcast found in the iTunes directory: enough to show it and to subscribe to its feed. */
public record DirectoryEntry(
    Long itunesId, String title, String author, String feedUrl, String imageUrl, String genre) {}
