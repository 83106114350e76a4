package dev.cast2md.admin.boundary;

import dev.cast2md.feeds.boundary.EpisodeActionsResource;
import dev.cast2md.feeds.boundary.EpisodeView;
import dev.cast2md.feeds.boundary.EpisodesResource;
import dev.cast2md.feeds.boundary.FeedView;
import dev.cast2md.feeds.boundary.FeedsResource;
import dev.cast2md.feeds.control.EpisodeActions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.WebApplicationException;
import java.util.List;
import java.util.Map;

/** The episodes of a feed (or all), filtered by state, a page at a time. */
@Named("episodes")
@RequestScoped
public class EpisodesBean {
  static final int PAGE = 50;
  static final List<String> STATES =
      List.of(
          "new",
          "awaiting_transcript",
          "needs_audio",
          "downloading",
          "audio_ready",
          "transcribing",
          "completed",
          "failed");

  @Inject EpisodesResource api;
  @Inject FeedsResource feedsApi;
  @Inject EpisodeActionsResource actions;

  private Map<String, Object> page;

  public Long getFeedId() {
    return Console.longParam("feed");
  }

  public String getStatus() {
    return Console.param("status");
  }

  public int getOffset() {
    Long o = Console.longParam("offset");
    return o == null || o < 0 ? 0 : o.intValue();
  }

  public FeedView getFeed() {
    Long id = getFeedId();
    if (id == null) {
      return null;
    }
    try {
      return feedsApi.get(id);
    } catch (WebApplicationException e) {
      return null;
    }
  }

  private Map<String, Object> page() {
    if (page == null) {
      try {
        page = api.list(getFeedId(), getStatus(), null, null, PAGE, getOffset());
      } catch (RuntimeException e) {
        Console.error(e.getMessage());
        page = Map.of("episodes", List.of(), "total", 0L);
      }
    }
    return page;
  }

  @SuppressWarnings("unchecked")
  public List<EpisodeView> getList() {
    return (List<EpisodeView>) page().get("episodes");
  }

  public long getTotal() {
    return ((Number) page().get("total")).longValue();
  }

  public List<String> getStates() {
    return STATES;
  }

  public boolean isHasNext() {
    return getOffset() + PAGE < getTotal();
  }

  public int getNextOffset() {
    return getOffset() + PAGE;
  }

  public int getPrevOffset() {
    return Math.max(0, getOffset() - PAGE);
  }

  public void transcribe() {
    Long id = Console.longParam("episodeList:transcribe");
    if (id != null) {
      Console.attempt(
          () -> {
            EpisodeActions.Outcome o = actions.one("transcribe", id);
            return o.problem() != null
                ? "Episode " + id + ": " + o.problem()
                : "Episode " + id + (o.created() ? " queued as job " + o.jobId() : " is queued");
          });
    }
    page = null;
  }
}
