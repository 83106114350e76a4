package dev.cast2md.batch.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.pods.control.ModelCatalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Parameter checks against the database: the model catalog and the feeds. */
public class DatabaseChecks implements JobParameters.Checks {
  private final Database db;
  private final ModelCatalog models;

  public DatabaseChecks(Database db, ModelCatalog models) {
    this.db = db;
    this.models = models;
  }

  @Override
  public Set<String> models() {
    return models.list(false).stream().map(ModelCatalog.Model::id).collect(Collectors.toSet());
  }

  @Override
  public List<Long> missingFeeds(List<Long> feedIds) {
    Set<Long> found = new HashSet<>();
    db.inTransaction(
        c ->
            Sql.query(
                c,
                "SELECT id FROM feed WHERE id IN (" + Sql.placeholders(feedIds.size()) + ")",
                rs -> found.add(rs.getLong(1)),
                feedIds.toArray()));
    List<Long> missing = new ArrayList<>(feedIds);
    missing.removeAll(found);
    return missing;
  }
}
