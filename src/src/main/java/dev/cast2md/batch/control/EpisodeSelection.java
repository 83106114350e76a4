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

  /** Up to {@code max} matching episodes with an id above {@code afterId}, in id order. */
  public static List<Candidate> page(Connection c, BacklogParameters p, long afterId, int max)
      throws SQLException {
    List<Object> params = new ArrayList<>();
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, status, CASE WHEN transcript_url IS NULL THEN 0 ELSE 1 END AS named"
                + " FROM episode WHERE id > ?");
    params.add(afterId);
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
