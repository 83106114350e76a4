package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.control.FeedFetcher;
import dev.cast2md.feeds.control.Feeds;
import dev.cast2md.platform.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the feed control objects once, from the shared database and clock. */
@ApplicationScoped
public class FeedComponents {
  @Inject Database db;
  @Inject Clock clock;

  /** One deadline for a whole feed fetch, redirects included. */
  @Inject
  @ConfigProperty(name = "cast2md.feeds.fetch-timeout-seconds", defaultValue = "30")
  long fetchTimeoutSeconds;

  /** Real feeds with years of episodes reach 10–20 MB; anything far above is not a feed. */
  @Inject
  @ConfigProperty(name = "cast2md.feeds.max-bytes", defaultValue = "31457280")
  long maxBytes;

  @Inject
  @ConfigProperty(name = "cast2md.feeds.max-redirects", defaultValue = "5")
  int maxRedirects;

  private Feeds feeds;

  @Produces
  public synchronized Feeds feeds() {
    if (feeds == null) {
      feeds =
          new Feeds(
              db,
              new FeedFetcher(Duration.ofSeconds(fetchTimeoutSeconds), maxBytes, maxRedirects),
              clock);
    }
    return feeds;
  }
}
