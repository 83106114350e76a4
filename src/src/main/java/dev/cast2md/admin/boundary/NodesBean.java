package dev.cast2md.admin.boundary;

import dev.cast2md.nodes.boundary.NodeView;
import dev.cast2md.nodes.boundary.NodesResource;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Transcriber nodes: status, current job, heartbeat, engine and model; remove one. */
@Named("nodes")
@RequestScoped
public class NodesBean {
  @Inject NodesResource api;

  private List<NodeView> list;

  @SuppressWarnings("unchecked")
  public List<NodeView> getList() {
    if (list == null) {
      list = (List<NodeView>) api.list().get("nodes");
    }
    return list;
  }

  public void remove() {
    String id = Console.param("nodeList:remove");
    if (id != null) {
      Console.attempt(() -> api.delete(id).message());
    }
    list = null;
  }

  public String ago(String instant) {
    return Console.ago(instant);
  }
}
