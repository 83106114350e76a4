package dev.cast2md.admin.boundary;

import dev.cast2md.feeds.boundary.AddFeedRequest;
import dev.cast2md.feeds.boundary.FeedView;
import dev.cast2md.feeds.boundary.FeedsResource;
import dev.cast2md.feeds.control.Feeds;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/** The feeds screen: subscribe by URL or OPML, refresh, unsubscribe. */
@Named("feeds")
@RequestScoped
public class FeedsBean {
  @Inject FeedsResource api;

  private List<FeedView> list;
  private String url;
  private String opml;

  public List<FeedView> getList() {
    if (list == null) {
      list = api.list().feeds();
    }
    return list;
  }

  public void add() {
    Console.attempt(
        () -> {
          Response r = api.add(new AddFeedRequest(url));
          FeedView f = (FeedView) r.getEntity();
          return "Subscribed to " + f.displayTitle() + " (" + f.episodeCount() + " episodes)";
        });
    url = null;
    list = null;
  }

  public void importOpml() {
    Console.attempt(
        () -> {
          List<Feeds.Imported> results =
              api.importOpml(opml == null ? null : opml.getBytes(StandardCharsets.UTF_8)).results();
          return "OPML: "
              + results.stream()
                  .map(i -> i.url() + " " + i.outcome())
                  .collect(Collectors.joining("; "));
        });
    opml = null;
    list = null;
  }

  public void refresh() {
    Long id = Console.longParam("feedList:refresh");
    if (id != null) {
      Console.attempt(
          () -> {
            Response r = api.refresh(id);
            FeedsResource.RefreshView v = (FeedsResource.RefreshView) r.getEntity();
            if (r.getStatus() >= 400) {
              throw new IllegalStateException("Refresh failed: " + v.message());
            }
            return "Feed " + id + ": " + v.message();
          });
    }
    list = null;
  }

  public void delete() {
    Long id = Console.longParam("feedList:delete");
    if (id != null) {
      Console.attempt(
          () -> {
            api.delete(id);
            return "Unsubscribed from feed " + id;
          });
    }
    list = null;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getOpml() {
    return opml;
  }

  public void setOpml(String opml) {
    this.opml = opml;
  }

  public String ago(String instant) {
    return Console.ago(instant);
  }
}
