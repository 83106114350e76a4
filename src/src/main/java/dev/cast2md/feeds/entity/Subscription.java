package dev.cast2md.feeds.entity;

/** A feed listed in an OPML file: its URL and the title the file gives it. */
public record Subscription(String title, String feedUrl) {}
