package dev.cast2md.transcripts.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.protocol.Segment;
import dev.cast2md.transcripts.entity.SearchHit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Search over episode titles and transcripts, the same on H2 and PostgreSQL: a case-insensitive
 * substring match in SQL, then the matching paragraph (and its time) found in the Markdown. A full
 * scan, which is fine for thousands of episodes; a PostgreSQL full-text index is the next step for
 * more.
 */
public class TranscriptSearch {
  private static final int SNIPPET = 240;
  private final Database db;

  public TranscriptSearch(Database db) {
    this.db = db;
  }

  private record Row(long id, String title, Long feedId, String feedTitle, String markdown) {}

  public List<SearchHit> search(String query, int limit) {
    String q = query.strip().toLowerCase(Locale.ROOT);
    String pattern = "%" + likeEscaped(q) + "%";
    List<Row> rows =
        db.inTransaction(
            c ->
                Sql.query(
                    c,
                    "SELECT e.id, e.title, e.feed_id, COALESCE(f.custom_title, f.title) AS feed_title,"
                        + " t.markdown FROM episode e"
                        + " LEFT JOIN feed f ON f.id = e.feed_id"
                        + " LEFT JOIN transcript t ON t.episode_id = e.id"
                        + " WHERE LOWER(e.title) LIKE ? ESCAPE '!' OR LOWER(t.markdown) LIKE ? ESCAPE '!'"
                        + " ORDER BY e.published_at DESC NULLS LAST, e.id DESC LIMIT ?",
                    rs ->
                        new Row(
                            rs.getLong("id"),
                            rs.getString("title"),
                            Sql.nullableLong(rs, "feed_id"),
                            rs.getString("feed_title"),
                            Sql.text(rs, "markdown")),
                    pattern,
                    pattern,
                    limit));
    List<SearchHit> hits = new ArrayList<>();
    for (Row r : rows) {
      Segment match = r.markdown() == null ? null : firstMatch(r.markdown(), q);
      hits.add(
          new SearchHit(
              r.id(),
              r.title(),
              r.feedId(),
              r.feedTitle(),
              match == null ? null : match.start(),
              match == null ? null : Timecodes.paragraph(match.start()),
              match == null ? null : snippet(match.text(), q)));
    }
    return hits;
  }

  private static Segment firstMatch(String markdown, String q) {
    for (Segment s : TranscriptMarkdown.parse(markdown)) {
      if (s.text().toLowerCase(Locale.ROOT).contains(q)) {
        return s;
      }
    }
    return null;
  }

  /** The paragraph around the first match, cut to a readable length. */
  static String snippet(String text, String q) {
    if (text.length() <= SNIPPET) {
      return text;
    }
    int at = Math.max(0, text.toLowerCase(Locale.ROOT).indexOf(q));
    int from = Math.max(0, Math.min(at - SNIPPET / 3, text.length() - SNIPPET));
    int to = Math.min(text.length(), from + SNIPPET);
    return (from > 0 ? "…" : "") + text.substring(from, to) + (to < text.length() ? "…" : "");
  }

  /**
   * The user's text matched literally: {@code %} and {@code _} are not wildcards here. The escape
   * character is {@code !} because a backslash is read differently by H2 and PostgreSQL.
   */
  static String likeEscaped(String q) {
    return q.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
