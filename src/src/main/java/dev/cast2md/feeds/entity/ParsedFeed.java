package dev.cast2md.feeds.entity;

import java.util.List;

/** A feed as parsed: channel metadata and every item, with or without audio. */
public record ParsedFeed(
    String title,
    String description,
    String imageUrl,
    String author,
    String link,
    List<String> categories,
    List<FeedItem> items) {

  /** The items that are podcast episodes: those with audio. */
  public List<FeedItem> episodes() {
    return items.stream().filter(FeedItem::hasAudio).toList();
  }
}
