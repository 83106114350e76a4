package dev.cast2md.batch.control;

import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.Candidate;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The episodes a backlog run selects, read in pages by episode id (a keyset cursor: each page
 * starts after the last id of the one before), so that memory stays bounded and a restart resumes
 * from a remembered id instead of an offset that shifts when episodes change state.
 */
public final class EpisodeSelection {
  private EpisodeSelection() {}

  /** The first id span a page looks at; doubled while the selection is sparse. */
  static final long FIRST_SPAN = 2_000;

  static final long MAX_SPAN = 1_000_000;

  /**
   * Up to {@code max} matching episodes with an id above {@code afterId}, in id order; fewer only
   * when there are no more. Each query is bounded to a span of ids, so that the database walks the
   * primary key instead of sorting every matching row for each page (with a filter on the state
   * alone, a planner may otherwise take the state index and sort, which makes paging quadratic).
   */
  public static List<Candidate> page(Connection c, BacklogParameters p, long afterId, int max)
      throws SQLException {
    long lastId = Sql.count(c, "SELECT COALESCE(MAX(id), 0) FROM episode");
    List<Candidate> page = new ArrayList<>();
    long from = afterId;
    long span = Math.max(FIRST_SPAN, 4L * max);
    while (page.size() < max && from < lastId) {
      long to = from + span;
      List<Candidate> found = span(c, p, from, to, max - page.size());
      page.addAll(found);
      if (page.size() < max) {
        from = to;
        span = Math.min(MAX_SPAN, span * 2);
      }
    }
    return page;
  }

  private static List<Candidate> span(
      Connection c, BacklogParameters p, long afterId, long upToId, int max) throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, status, CASE WHEN transcript_url IS NULL THEN 0 ELSE 1 END AS named"
                + " FROM episode WHERE id > ? AND id <= ?");
    params.add(afterId);
    params.add(upToId);
    sql.append(" AND status IN (").append(Sql.placeholders(p.states().size())).append(")");
    params.addAll(p.states());
    if (!p.feeds().isEmpty()) {
      sql.append(" AND feed_id IN (").append(Sql.placeholders(p.feeds().size())).append(")");
      params.addAll(p.feeds());
    }
    if (p.publishedAfter() != null) {
      sql.append(" AND published_at >= ?");
      params.add(p.publishedAfter());
    }
    if (p.publishedBefore() != null) {
      sql.append(" AND published_at < ?");
      params.add(p.publishedBefore());
    }
    sql.append(" ORDER BY id LIMIT ?");
    params.add(max);
    return Sql.query(
        c,
        sql.toString(),
        rs -> {
          EpisodeStatus status = EpisodeStatus.parse(rs.getString("status"));
          // a publisher transcript is worth asking for while none was found for the episode yet
          boolean publisherFirst =
              p.transcriptsFirst()
                  && rs.getInt("named") == 1
                  && (status == EpisodeStatus.NEW || status == EpisodeStatus.AWAITING_TRANSCRIPT);
          return new Candidate(rs.getLong("id"), publisherFirst);
        },
        params.toArray());
  }
}
