package dev.cast2md.feeds.boundary;

/** {@code POST /api/feeds}: the feed's URL. */
public record AddFeedRequest(String url) {}
