package dev.cast2md.admin.control;

import dev.cast2md.admin.entity.ApiToken;
import dev.cast2md.nodes.control.NodeKeys;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal API tokens: {@code c2m_} and 43 random URL-safe characters, shown once when created.
 * Only the SHA-256 is stored (random secrets need no slow hash); a lookup by hash is a lookup in an
 * index, so nothing compares secrets character by character.
 */
public class ApiTokens {
  public static final String PREFIX = "c2m_";
  private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private final Database db;
  private final Clock clock;

  public ApiTokens(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A new token and its listing; the token is not recoverable afterwards. */
  public record Created(String token, ApiToken listing) {}

  public Created create(String name) {
    String n = name == null ? "" : name.strip();
    if (n.isEmpty() || n.length() > 200) {
      throw new IllegalArgumentException("A token needs a name of 1 to 200 characters");
    }
    String token = PREFIX + NodeKeys.newSecret();
    String prefix = token.substring(0, PREFIX.length() + 6);
    Instant now = clock.instant();
    long id =
        db.inTransaction(
            c ->
                Sql.insert(
                    c,
                    "INSERT INTO api_token (name, token_prefix, token_hash, created_at)"
                        + " VALUES (?, ?, ?, ?)",
                    n,
                    prefix,
                    NodeKeys.hash(token),
                    now));
    return new Created(token, new ApiToken(id, n, prefix, now, null, null));
  }

  public List<ApiToken> list() {
    return db.inTransaction(
        c ->
            Sql.query(
                c,
                "SELECT id, name, token_prefix, created_at, last_used_at, revoked_at"
                    + " FROM api_token ORDER BY id",
                ApiTokens::row));
  }

  /** Revokes a token; false when there is no such active token. */
  public boolean revoke(long id) {
    return db.inTransaction(
            c ->
                Sql.update(
                    c,
                    "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                    clock.instant(),
                    id))
        == 1;
  }

  /** The active token a presented secret belongs to, marking it used (at most once a minute). */
  public Optional<ApiToken> authenticate(String presented) {
    if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 200) {
      return Optional.empty();
    }
    String hash = NodeKeys.hash(presented);
    Instant now = clock.instant();
    return db.inTransaction(
        c -> {
          Optional<ApiToken> t =
              Sql.queryOne(
                  c,
                  "SELECT id, name, token_prefix, created_at, last_used_at, revoked_at"
                      + " FROM api_token WHERE token_hash = ? AND revoked_at IS NULL",
                  ApiTokens::row,
                  hash);
          if (t.isPresent()
              && (t.get().lastUsedAt() == null
                  || t.get().lastUsedAt().plus(TOUCH_EVERY).isBefore(now))) {
            Sql.update(c, "UPDATE api_token SET last_used_at = ? WHERE id = ?", now, t.get().id());
          }
          return t;
        });
  }

  private static ApiToken row(ResultSet rs) throws SQLException {
    return new ApiToken(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        Sql.instant(rs, "created_at"),
        Sql.instant(rs, "last_used_at"),
        Sql.instant(rs, "revoked_at"));
  }
}
