package dev.cast2md.feeds.control;

import static dev.cast2md.platform.control.Sql.instant;

import dev.cast2md.feeds.entity.Feed;
import dev.cast2md.feeds.entity.ParsedFeed;
import dev.cast2md.platform.control.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Feed rows. Categories are stored as one tab-separated column, as the baseline schema has it. */
public final class FeedRepository {
  private static final String COLUMNS =
      "id, url, title, custom_title, description, image_url, author, link, categories,"
          + " last_polled, etag, last_modified, last_error, last_error_at, created_at, updated_at";
  private static final int MAX_URL = 2048;

  private FeedRepository() {}

  public static long insert(
      Connection c, String url, ParsedFeed parsed, Validators validators, Instant now)
      throws SQLException {
    return Sql.insert(
        c,
        "INSERT INTO feed (url, title, description, image_url, author, link, categories,"
            + " last_polled, etag, last_modified, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        url,
        parsed.title(),
        parsed.description(),
        cap(parsed.imageUrl(), MAX_URL),
        parsed.author(),
        cap(parsed.link(), MAX_URL),
        categories(parsed.categories()),
        now,
        cap(validators.etag(), 1000),
        cap(validators.lastModified(), 200),
        now,
        now);
  }

  /** After a successful poll: new metadata and validators, the error cleared. */
  public static void updateFromPoll(
      Connection c, long id, ParsedFeed parsed, Validators validators, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE feed SET title = ?, description = ?, image_url = ?, author = ?, link = ?,"
            + " categories = ?, last_polled = ?, etag = ?, last_modified = ?, last_error = NULL,"
            + " last_error_at = NULL, updated_at = ? WHERE id = ?",
        parsed.title(),
        parsed.description(),
        cap(parsed.imageUrl(), MAX_URL),
        parsed.author(),
        cap(parsed.link(), MAX_URL),
        categories(parsed.categories()),
        now,
        cap(validators.etag(), 1000),
        cap(validators.lastModified(), 200),
        now,
        id);
  }

  /** The server said 304: nothing changed but the time we last asked. */
  public static void markPolled(Connection c, long id, Instant now) throws SQLException {
    Sql.update(
        c,
        "UPDATE feed SET last_polled = ?, last_error = NULL, last_error_at = NULL WHERE id = ?",
        now,
        id);
  }

  /** The user's name for the feed; blank clears it. */
  public static boolean setCustomTitle(Connection c, long id, String customTitle, Instant now)
      throws SQLException {
    String value = customTitle == null || customTitle.isBlank() ? null : customTitle.strip();
    return Sql.update(
            c,
            "UPDATE feed SET custom_title = ?, updated_at = ? WHERE id = ?",
            cap(value, 1000),
            now,
            id)
        > 0;
  }

  /** A failed poll leaves everything as it was and says why on the feed. */
  public static void recordError(Connection c, long id, String error, Instant now)
      throws SQLException {
    Sql.update(
        c,
        "UPDATE feed SET last_error = ?, last_error_at = ? WHERE id = ?",
        cap(error, 4000),
        now,
        id);
  }

  /** Locks the feed row for the rest of the transaction, so that two refreshes take turns. */
  public static Optional<Feed> lock(Connection c, long id) throws SQLException {
    return Sql.queryOne(
        c, "SELECT " + COLUMNS + " FROM feed WHERE id = ? FOR UPDATE", FeedRepository::map, id);
  }

  public static Optional<Feed> find(Connection c, long id) throws SQLException {
    return Sql.queryOne(
        c, "SELECT " + COLUMNS + " FROM feed WHERE id = ?", FeedRepository::map, id);
  }

  public static Optional<Feed> findByUrl(Connection c, String url) throws SQLException {
    return Sql.queryOne(
        c, "SELECT " + COLUMNS + " FROM feed WHERE url = ?", FeedRepository::map, url);
  }

  public static List<Feed> list(Connection c) throws SQLException {
    return Sql.query(c, "SELECT " + COLUMNS + " FROM feed ORDER BY id", FeedRepository::map);
  }

  /** Deletes the feed; its episodes, jobs and transcripts go with it (ON DELETE CASCADE). */
  public static boolean delete(Connection c, long id) throws SQLException {
    return Sql.update(c, "DELETE FROM feed WHERE id = ?", id) > 0;
  }

  /** Episodes per status of every feed, from one grouped query: feed id → status → count. */
  public static Map<Long, Map<String, Long>> statusCounts(Connection c) throws SQLException {
    Map<Long, Map<String, Long>> counts = new HashMap<>();
    Sql.query(
        c,
        "SELECT feed_id, status, COUNT(*) AS n FROM episode WHERE feed_id IS NOT NULL"
            + " GROUP BY feed_id, status",
        rs -> {
          counts
              .computeIfAbsent(rs.getLong("feed_id"), k -> new HashMap<>())
              .put(rs.getString("status"), rs.getLong("n"));
          return null;
        });
    return counts;
  }

  static Feed map(ResultSet rs) throws SQLException {
    String categories = rs.getString("categories");
    return new Feed(
        rs.getLong("id"),
        rs.getString("url"),
        rs.getString("title"),
        rs.getString("custom_title"),
        Sql.text(rs, "description"),
        rs.getString("image_url"),
        rs.getString("author"),
        rs.getString("link"),
        categories == null || categories.isEmpty()
            ? List.of()
            : Arrays.asList(categories.split("\t")),
        instant(rs, "last_polled"),
        rs.getString("etag"),
        rs.getString("last_modified"),
        rs.getString("last_error"),
        instant(rs, "last_error_at"),
        instant(rs, "created_at"),
        instant(rs, "updated_at"));
  }

  private static String categories(List<String> categories) {
    return cap(
        String.join("\t", categories.stream().map(s -> s.replace('\t', ' ')).toList()), 4000);
  }

  static String cap(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
