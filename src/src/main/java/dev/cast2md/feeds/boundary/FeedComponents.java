package dev.cast2md.feeds.boundary;

import dev.cast2md.feeds.control.AudioDownloader;
import dev.cast2md.feeds.control.AudioDownloads;
import dev.cast2md.feeds.control.AutoQueue;
import dev.cast2md.feeds.control.FeedFetcher;
import dev.cast2md.feeds.control.Feeds;
import dev.cast2md.feeds.control.ItunesDirectory;
import dev.cast2md.platform.boundary.ServerComponents;
import dev.cast2md.platform.control.Database;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.transcripts.control.PublisherTranscriptImport;
import dev.cast2md.transcripts.control.TranscriptDownloads;
import dev.cast2md.transcripts.control.TranscriptRetries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the feed and transcript-first control objects once, from the shared database, clock,
 * queue.
 */
@ApplicationScoped
public class FeedComponents {
  @Inject Database db;
  @Inject Clock clock;
  @Inject JobQueue queue;
  @Inject ServerComponents server;

  /** Transcribe every new episode even when its publisher offers a transcript. */
  @Inject
  @ConfigProperty(name = "cast2md.feeds.always-transcribe", defaultValue = "false")
  boolean alwaysTranscribe;

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

  /** The iTunes Search API; tests point it at a local fake. */
  @Inject
  @ConfigProperty(name = "cast2md.itunes.base-url", defaultValue = "https://itunes.apple.com")
  String itunesBaseUrl;

  /** Largest enclosure the server downloads when it relays audio (workers cap theirs at 2 GiB). */
  @Inject
  @ConfigProperty(name = "cast2md.audio.max-bytes", defaultValue = "2147483648")
  long audioMaxBytes;

  /** A download that delivers no byte for this long is dropped and retried (it resumes). */
  @Inject
  @ConfigProperty(name = "cast2md.audio.idle-timeout-seconds", defaultValue = "60")
  long audioIdleTimeoutSeconds;

  private Feeds feeds;
  private TranscriptDownloads downloads;

  @Produces
  public synchronized Feeds feeds() {
    if (feeds == null) {
      feeds =
          new Feeds(
              db,
              new FeedFetcher(Duration.ofSeconds(fetchTimeoutSeconds), maxBytes, maxRedirects),
              clock,
              new AutoQueue(queue, alwaysTranscribe));
    }
    return feeds;
  }

  @Produces
  public ItunesDirectory itunesDirectory() {
    return new ItunesDirectory(
        itunesBaseUrl,
        new FeedFetcher(Duration.ofSeconds(fetchTimeoutSeconds), 4 * 1024 * 1024, 3, "directory"));
  }

  @Produces
  public TranscriptRetries transcriptRetries() {
    return new TranscriptRetries(db, queue, clock);
  }

  @Produces
  public AudioDownloads audioDownloads() {
    return new AudioDownloads(
        db,
        queue,
        new AudioDownloader(
            Duration.ofSeconds(fetchTimeoutSeconds),
            Duration.ofSeconds(audioIdleTimeoutSeconds),
            audioMaxBytes,
            maxRedirects),
        server.dataDirectory(),
        server::relayAudio,
        "server-audio");
  }

  @Produces
  public synchronized TranscriptDownloads transcriptDownloads() {
    if (downloads == null) {
      FeedFetcher fetcher =
          new FeedFetcher(
              Duration.ofSeconds(fetchTimeoutSeconds), maxBytes, maxRedirects, "transcript");
      downloads =
          new TranscriptDownloads(
              db,
              queue,
              new PublisherTranscriptImport(
                  db, fetcher, clock, server.dataDirectory().resolve("transcripts")),
              "server");
    }
    return downloads;
  }
}
