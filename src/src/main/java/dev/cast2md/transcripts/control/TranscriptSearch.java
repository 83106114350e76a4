package dev.cast2md.transcripts.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Dialect;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.protocol.Segment;
import dev.cast2md.transcripts.entity.SearchHit;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Search over episode titles and transcripts: an episode matches when every word of the query
 * appears in its title, or every word in its transcript. Words match as prefixes ("meeting" finds
 * "meetings"); punctuation in the query is not syntax. On PostgreSQL this is full-text search on
 * GIN indexes ({@code V6__search_index.sql}); H2 has no such index and scans with LIKE, which also
 * matches inside words. The matching paragraph and its time are then found in the Markdown.
 */
public class TranscriptSearch {
  private static final int SNIPPET = 240;

  /** Words as PostgreSQL's parser sees them, decimals such as "2.0" kept whole. */
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:[.,]\\p{N}+)*");

  /** Keep in step with the index expressions of V6__search_index.sql. */
  private static final String PG_MATCH =
      "e.id IN (SELECT id FROM episode WHERE to_tsvector('simple', title) @@ to_tsquery('simple', ?)"
          + " UNION SELECT episode_id FROM transcript"
          + " WHERE to_tsvector('simple', LEFT(markdown, 400000)) @@ to_tsquery('simple', ?))";

  private static final int MAX_WORDS = 16;

  private final Database db;

  public TranscriptSearch(Database db) {
    this.db = db;
  }

  private record Row(long id, String title, Long feedId, String feedTitle, String markdown) {}

  public List<SearchHit> search(String query, int limit) {
    List<String> words = words(query);
    if (words.isEmpty()) {
      return List.of();
    }
    List<Row> rows = db.inTransaction(c -> find(c, words, limit));
    List<SearchHit> hits = new ArrayList<>();
    for (Row r : rows) {
      Segment match = r.markdown() == null ? null : paragraph(r.markdown(), words);
      hits.add(
          new SearchHit(
              r.id(),
              r.title(),
              r.feedId(),
              r.feedTitle(),
              match == null ? null : match.start(),
              match == null ? null : Timecodes.paragraph(match.start()),
              match == null ? null : snippet(match.text(), words)));
    }
    return hits;
  }

  private List<Row> find(Connection c, List<String> words, int limit) throws SQLException {
    String select =
        "SELECT e.id, e.title, e.feed_id, COALESCE(f.custom_title, f.title) AS feed_title,"
            + " t.markdown FROM episode e"
            + " LEFT JOIN feed f ON f.id = e.feed_id"
            + " LEFT JOIN transcript t ON t.episode_id = e.id WHERE ";
    String order = " ORDER BY e.published_at DESC NULLS LAST, e.id DESC LIMIT ?";
    List<Object> params = new ArrayList<>();
    String where;
    if (db.dialect() == Dialect.POSTGRESQL) {
      String tsquery = tsquery(words);
      where = PG_MATCH;
      params.add(tsquery);
      params.add(tsquery);
    } else {
      StringBuilder inTitle = new StringBuilder();
      StringBuilder inText = new StringBuilder();
      for (String w : words) {
        String sep = inTitle.length() == 0 ? "" : " AND ";
        inTitle.append(sep).append("LOWER(e.title) LIKE ? ESCAPE '!'");
        inText.append(sep).append("LOWER(t.markdown) LIKE ? ESCAPE '!'");
      }
      where = "((" + inTitle + ") OR (" + inText + "))";
      for (int pass = 0; pass < 2; pass++) {
        for (String w : words) {
          params.add("%" + likeEscaped(w) + "%");
        }
      }
    }
    params.add(limit);
    return Sql.query(
        c,
        select + where + order,
        rs ->
            new Row(
                rs.getLong("id"),
                rs.getString("title"),
                Sql.nullableLong(rs, "feed_id"),
                rs.getString("feed_title"),
                Sql.text(rs, "markdown")),
        params.toArray());
  }

  /** The query's words, lower case, at most {@value #MAX_WORDS}; empty when it has none. */
  static List<String> words(String query) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(query == null ? "" : query.toLowerCase(Locale.ROOT));
    while (m.find() && words.size() < MAX_WORDS) {
      if (!words.contains(m.group())) {
        words.add(m.group());
      }
    }
    return words;
  }

  /**
   * Every word as a quoted prefix: {@code 'board':* & 'meeting':*}. Words hold only letters, digits
   * and inner dots or commas, so quoting them cannot break the syntax.
   */
  static String tsquery(List<String> words) {
    return String.join(" & ", words.stream().map(w -> "'" + w + "':*").toList());
  }

  /**
   * The paragraph to show: the first holding every word (as a word start), else the first holding
   * any of them, else the first containing one anywhere (H2 matches inside words).
   */
  private static Segment paragraph(String markdown, List<String> words) {
    List<Segment> segments = TranscriptMarkdown.parse(markdown);
    List<Pattern> starts =
        words.stream()
            .map(
                w ->
                    Pattern.compile(
                        "(?<![\\p{L}\\p{N}])" + Pattern.quote(w),
                        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE))
            .toList();
    List<Predicate<String>> tests =
        List.of(
            text -> starts.stream().allMatch(p -> p.matcher(text).find()),
            text -> starts.stream().anyMatch(p -> p.matcher(text).find()),
            text -> words.stream().anyMatch(w -> text.toLowerCase(Locale.ROOT).contains(w)));
    for (Predicate<String> test : tests) {
      for (Segment s : segments) {
        if (test.test(s.text())) {
          return s;
        }
      }
    }
    return null;
  }

  /** The paragraph around the first word found, cut to a readable length. */
  static String snippet(String text, List<String> words) {
    if (text.length() <= SNIPPET) {
      return text;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    int at = words.stream().mapToInt(lower::indexOf).filter(i -> i >= 0).min().orElse(0);
    int from = Math.max(0, Math.min(at - SNIPPET / 3, text.length() - SNIPPET));
    int to = Math.min(text.length(), from + SNIPPET);
    return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
  }

  /**
   * Words matched literally on H2 (they hold no wildcard, but stay safe if that changes). The
   * escape character is {@code !} because a backslash is read differently by H2 and PostgreSQL.
   */
  static String likeEscaped(String q) {
    return q.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
