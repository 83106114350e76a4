package dev.cast2md.feeds.control;

import dev.cast2md.feeds.entity.DirectoryEntry;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The iTunes Search API: find a podcast by name, and turn an Apple Podcasts page URL into its RSS
 * feed URL (users paste those). The base URL is configurable so that tests use a local fake.
 */
public class ItunesDirectory {
  private static final Pattern APPLE_PODCASTS =
      Pattern.compile("^https?://podcasts\\.apple\\.com/.*?/id(\\d+)", Pattern.CASE_INSENSITIVE);

  private final String baseUrl;
  private final FeedFetcher fetcher;

  /**
   * @param baseUrl e.g. {@code https://itunes.apple.com}
   * @param fetcher a bounded fetcher (timeout, size cap)
   */
  public ItunesDirectory(String baseUrl, FeedFetcher fetcher) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.fetcher = fetcher;
  }

  public static Optional<Long> applePodcastsId(String url) {
    Matcher m = APPLE_PODCASTS.matcher(url == null ? "" : url.trim());
    return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
  }

  public List<DirectoryEntry> search(String term, int limit) throws FeedFetchException {
    String url =
        baseUrl
            + "/search?media=podcast&entity=podcast&limit="
            + Math.max(1, Math.min(limit, 200))
            + "&term="
            + URLEncoder.encode(term.strip(), StandardCharsets.UTF_8);
    return results(url);
  }

  /** The RSS feed URL of an Apple Podcasts page URL, when the directory knows one. */
  public Optional<String> feedUrlOf(String applePodcastsUrl) throws FeedFetchException {
    Optional<Long> id = applePodcastsId(applePodcastsUrl);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    return results(baseUrl + "/lookup?entity=podcast&id=" + id.get()).stream()
        .map(DirectoryEntry::feedUrl)
        .filter(u -> u != null && !u.isBlank())
        .findFirst();
  }

  private List<DirectoryEntry> results(String url) throws FeedFetchException {
    FeedFetcher.Result result = fetcher.fetch(url, Validators.NONE);
    if (!(result instanceof FeedFetcher.Fetched fetched)) {
      return List.of();
    }
    List<DirectoryEntry> out = new ArrayList<>();
    try (JsonReader reader = Json.createReader(new ByteArrayInputStream(fetched.body()))) {
      JsonArray results = reader.readObject().getJsonArray("results");
      if (results == null) {
        return out;
      }
      for (JsonValue v : results) {
        if (v instanceof JsonObject o && string(o, "feedUrl") != null) {
          out.add(
              new DirectoryEntry(
                  o.get("collectionId") instanceof JsonNumber n ? n.longValue() : null,
                  FeedParser.plain(string(o, "collectionName")),
                  FeedParser.plain(string(o, "artistName")),
                  string(o, "feedUrl"),
                  string(o, "artworkUrl600"),
                  string(o, "primaryGenreName")));
        }
      }
    } catch (RuntimeException e) {
      throw new FeedFetchException("The podcast directory answered with something unreadable", e);
    }
    return out;
  }

  private static String string(JsonObject o, String name) {
    return o.get(name) instanceof JsonString s && !s.getString().isBlank() ? s.getString() : null;
  }
}
