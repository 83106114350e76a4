package dev.cast2md.feeds.control;

import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.feeds.entity.Feed;
import dev.cast2md.feeds.entity.ParsedFeed;
import dev.cast2md.feeds.entity.Subscription;
import dev.cast2md.platform.control.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Subscribing to feeds and polling them. HTTP happens outside any transaction (a slow host must not
 * hold database locks); the write that follows locks the feed row, so concurrent refreshes of one
 * feed take turns and never insert an episode twice. A failed poll changes nothing but the feed's
 * error.
 */
public class Feeds {
  /** Feeds one OPML import may subscribe to. */
  public static final int MAX_OPML_FEEDS = 250;

  private final Database db;
  private final FeedFetcher fetcher;
  private final Clock clock;

  private final NewEpisodes onNew;

  /**
   * What happens to newly discovered episodes, in the transaction that stored them (so that an
   * episode is never stored without its follow-up, e.g. a queued job).
   */
  @FunctionalInterface
  public interface NewEpisodes {
    NewEpisodes NONE = (c, episodes) -> {};

    void discovered(Connection c, List<FeedEpisodes.NewEpisode> episodes) throws SQLException;
  }

  public Feeds(Database db, FeedFetcher fetcher, Clock clock) {
    this(db, fetcher, clock, NewEpisodes.NONE);
  }

  public Feeds(Database db, FeedFetcher fetcher, Clock clock, NewEpisodes onNew) {
    this.db = db;
    this.fetcher = fetcher;
    this.clock = clock;
    this.onNew = onNew;
  }

  private int store(Connection c, long feedId, ParsedFeed parsed) throws SQLException {
    List<FeedEpisodes.NewEpisode> added =
        FeedEpisodes.insertNew(c, feedId, parsed.items(), clock.instant());
    if (!added.isEmpty()) {
      onNew.discovered(c, added);
    }
    return added.size();
  }

  /** The feed already exists (same URL). */
  public static class FeedExistsException extends Exception {
    private final long feedId;

    public FeedExistsException(long feedId) {
      super("Feed already exists");
      this.feedId = feedId;
    }

    public long feedId() {
      return feedId;
    }
  }

  public record Added(Feed feed, int newEpisodes) {}

  public record Refreshed(long feedId, boolean notModified, int newEpisodes, String error) {}

  public record Imported(String url, Long feedId, String outcome) {}

  public record Page(List<Episode> episodes, long total) {}

  public Page episodes(long feedId, int limit, int offset) {
    return db.inTransaction(
        c -> new Page(FeedEpisodes.page(c, feedId, limit, offset), FeedEpisodes.count(c, feedId)));
  }

  public Added add(String url) throws FeedFetchException, FeedParseException, FeedExistsException {
    String normal = fetcher.checkedUri(url).toString();
    Optional<Feed> existing = db.inTransaction(c -> FeedRepository.findByUrl(c, normal));
    if (existing.isPresent()) {
      throw new FeedExistsException(existing.get().id());
    }
    FeedFetcher.Result result = fetcher.fetch(normal, Validators.NONE);
    if (!(result instanceof FeedFetcher.Fetched fetched)) {
      throw new FeedFetchException("Failed to fetch feed: HTTP 304 to an unconditional request");
    }
    ParsedFeed parsed = FeedParser.parse(fetched.body(), fetched.contentType());
    if (parsed.episodes().isEmpty()) {
      throw new FeedParseException("Feed has no audio episodes", null);
    }
    long[] id = new long[1];
    int inserted =
        db.inTransaction(
            c -> {
              if (FeedRepository.findByUrl(c, normal).isPresent()) {
                return -1;
              }
              id[0] =
                  FeedRepository.insert(c, normal, parsed, fetched.validators(), clock.instant());
              return store(c, id[0], parsed);
            });
    if (inserted < 0) {
      throw new FeedExistsException(
          db.inTransaction(c -> FeedRepository.findByUrl(c, normal)).map(Feed::id).orElse(-1L));
    }
    return new Added(db.inTransaction(c -> FeedRepository.find(c, id[0])).orElseThrow(), inserted);
  }

  /** Polls one feed now; empty when there is no such feed. */
  public Optional<Refreshed> refresh(long feedId) {
    Optional<Feed> feed = find(feedId);
    if (feed.isEmpty()) {
      return Optional.empty();
    }
    Feed f = feed.get();
    try {
      FeedFetcher.Result result =
          fetcher.fetch(f.url(), new Validators(f.etag(), f.lastModified()));
      if (result instanceof FeedFetcher.Fetched fetched) {
        ParsedFeed parsed = FeedParser.parse(fetched.body(), fetched.contentType());
        int inserted =
            db.inTransaction(
                c -> {
                  if (FeedRepository.lock(c, feedId).isEmpty()) {
                    return 0; // deleted while we were fetching
                  }
                  FeedRepository.updateFromPoll(
                      c, feedId, parsed, fetched.validators(), clock.instant());
                  return store(c, feedId, parsed);
                });
        return Optional.of(new Refreshed(feedId, false, inserted, null));
      }
      db.inTransaction(
          c -> {
            FeedRepository.markPolled(c, feedId, clock.instant());
            return null;
          });
      return Optional.of(new Refreshed(feedId, true, 0, null));
    } catch (FeedFetchException | FeedParseException e) {
      db.inTransaction(
          c -> {
            FeedRepository.recordError(c, feedId, e.getMessage(), clock.instant());
            return null;
          });
      return Optional.of(new Refreshed(feedId, false, 0, e.getMessage()));
    }
  }

  /** Polls every feed, one after another; returns how many new episodes were found in all. */
  public int refreshAll() {
    int found = 0;
    for (Feed f : list()) {
      found += refresh(f.id()).map(Refreshed::newEpisodes).orElse(0);
    }
    return found;
  }

  /** Subscribes to every feed of an OPML file, one after another; failures are reported per URL. */
  public List<Imported> importOpml(byte[] opml) throws FeedParseException {
    List<Subscription> subscriptions = Opml.read(opml);
    if (subscriptions.size() > MAX_OPML_FEEDS) {
      // each feed is fetched in the request; beyond this the caller would wait for an hour
      throw new FeedParseException(
          "The OPML file lists "
              + subscriptions.size()
              + " feeds; import at most "
              + MAX_OPML_FEEDS
              + " at once",
          null);
    }
    List<Imported> report = new ArrayList<>();
    for (Subscription s : subscriptions) {
      try {
        Added added = add(s.feedUrl());
        report.add(new Imported(s.feedUrl(), added.feed().id(), "added"));
      } catch (FeedExistsException e) {
        report.add(new Imported(s.feedUrl(), e.feedId(), "exists"));
      } catch (FeedFetchException | FeedParseException e) {
        report.add(new Imported(s.feedUrl(), null, e.getMessage()));
      }
    }
    return report;
  }

  public String exportOpml() {
    List<Subscription> subs =
        list().stream().map(f -> new Subscription(f.displayTitle(), f.url())).toList();
    return Opml.write("cast2md subscriptions", subs);
  }

  public Optional<Feed> find(long id) {
    return db.inTransaction(c -> FeedRepository.find(c, id));
  }

  public List<Feed> list() {
    return db.inTransaction(FeedRepository::list);
  }

  public Map<Long, Map<String, Long>> statusCounts() {
    return db.inTransaction(FeedRepository::statusCounts);
  }

  /** Renames the feed for display; returns the feed as it is now, empty if there is none. */
  public Optional<Feed> rename(long id, String customTitle) {
    return db.inTransaction(
        c ->
            FeedRepository.setCustomTitle(c, id, customTitle, clock.instant())
                ? FeedRepository.find(c, id)
                : Optional.<Feed>empty());
  }

  public boolean delete(long id) {
    return db.inTransaction(c -> FeedRepository.delete(c, id));
  }
}
