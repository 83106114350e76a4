package dev.cast2md.feeds.control;

import dev.cast2md.feeds.entity.FeedItem;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;

/**
 * What makes an episode the same one at the next refresh: its GUID, else its enclosure URL, else
 * title and date. Identities fit the 1000-character column (longer ones are hashed), and a feed
 * that repeats a GUID for two different items (it happens) gets the second one disambiguated by
 * title and date, so that neither is lost nor merged into the other.
 */
final class EpisodeIdentity {
  private static final int MAX = 1000;

  private EpisodeIdentity() {}

  static String of(String guid, String audioUrl, String title, Instant published) {
    if (guid != null) {
      return fit(guid);
    }
    if (audioUrl != null && !audioUrl.isBlank()) {
      return fit("url:" + audioUrl.trim());
    }
    return fit("title:" + title + "|" + (published == null ? "" : published.toString()));
  }

  static FeedItem unique(FeedItem item, Set<String> seen) {
    String identity = item.identity();
    if (!seen.add(identity)) {
      identity = fit(identity + "#" + hash(item.title() + "|" + item.publishedAt()));
      int n = 2;
      while (!seen.add(identity)) {
        identity =
            fit(item.identity() + "#" + hash(item.title() + "|" + item.publishedAt() + "|" + n++));
      }
    }
    return identity.equals(item.identity())
        ? item
        : new FeedItem(
            identity,
            item.guid(),
            item.title(),
            item.description(),
            item.link(),
            item.author(),
            item.audioUrl(),
            item.audioType(),
            item.audioLength(),
            item.durationSeconds(),
            item.publishedAt(),
            item.transcripts());
  }

  private static String fit(String identity) {
    return identity.length() <= MAX ? identity : "sha256:" + hash(identity);
  }

  private static String hash(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JRE", e);
    }
  }
}
