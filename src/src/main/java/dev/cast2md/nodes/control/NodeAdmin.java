package dev.cast2md.nodes.control;

import dev.cast2md.nodes.entity.Node;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.protocol.RegisterResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/** What an administrator does with nodes: list, add by hand, remove, test, clean up. */
public class NodeAdmin {
  private static final Logger LOG = Logger.getLogger(NodeAdmin.class.getName());
  private static final Duration TEST_TIMEOUT = Duration.ofSeconds(5);

  private final Database db;
  private final Clock clock;
  private final HttpClient http;

  public NodeAdmin(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(TEST_TIMEOUT).build();
  }

  public List<Node> list() {
    return db.inTransaction(NodeRepository::list);
  }

  public Optional<Node> find(String id) {
    return db.inTransaction(c -> NodeRepository.find(c, id));
  }

  /** Adds a node by hand; its key is in the answer and nowhere else. */
  public RegisterResponse add(String name, String url, String model, String backend, int priority) {
    String key = NodeKeys.newSecret();
    String id =
        db.inTransaction(
            c ->
                NodeRepository.create(
                    c,
                    name,
                    url,
                    model,
                    backend,
                    priority,
                    NodeKeys.hash(key),
                    null,
                    clock.instant()));
    LOG.info("node=" + id + " event=added-by-admin name=" + name);
    return new RegisterResponse(
        id, key, "Node '" + name + "' added; save the API key now, it is not shown again");
  }

  /** Deletes a node; the jobs it held go back to the queue at once. */
  public boolean delete(String id) {
    return db.inTransaction(
        c -> {
          Instant now = clock.instant();
          Sql.update(
              c,
              "UPDATE job SET status = 'queued', assigned_node_id = NULL, claimed_at = NULL,"
                  + " started_at = NULL, lease_expires_at = NULL, progress_percent = 0,"
                  + " work_started = FALSE, updated_at = ? WHERE assigned_node_id = ?"
                  + " AND status = 'running'",
              now,
              id);
          Sql.update(
              c,
              "UPDATE job_claim SET ended_at = ?, outcome = 'revoked' WHERE node_id = ?"
                  + " AND ended_at IS NULL",
              now,
              id);
          return NodeRepository.delete(c, id);
        });
  }

  public List<Node> stale(Duration offlineFor) {
    return db.inTransaction(c -> NodeRepository.stale(c, clock.instant().minus(offlineFor)));
  }

  /** Deletes stale nodes that hold no job. */
  public int deleteStale(Duration offlineFor) {
    return db.inTransaction(
        c -> {
          int deleted = 0;
          for (Node n : NodeRepository.stale(c, clock.instant().minus(offlineFor))) {
            long held =
                Sql.count(
                    c,
                    "SELECT COUNT(*) FROM job WHERE assigned_node_id = ? AND status = 'running'",
                    n.id());
            if (held == 0 && NodeRepository.delete(c, n.id())) {
              deleted++;
            }
          }
          return deleted;
        });
  }

  /** Asks the node's status page whether it is up; only http(s) URLs are tried. */
  public String test(Node node) {
    if (node.url() == null
        || !(node.url().startsWith("http://") || node.url().startsWith("https://"))) {
      return "Node '" + node.name() + "' has no http(s) URL to test";
    }
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(URI.create(node.url().replaceAll("/+$", "") + "/status"))
                  .timeout(TEST_TIMEOUT)
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200
          ? "Node '" + node.name() + "' is reachable"
          : "Node returned status " + r.statusCode();
    } catch (IllegalArgumentException e) {
      return "Failed to reach node: invalid URL";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "Failed to reach node: interrupted";
    } catch (Exception e) {
      return "Failed to reach node: " + e.getClass().getSimpleName();
    }
  }
}
