package dev.cast2md.feeds.control;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Fetches a feed over HTTP: a conditional GET when validators are known, redirects followed by hand
 * (so that a loop or a long chain ends with a clear error, and only to http/https), the body capped
 * in size, and the whole exchange bounded by one deadline.
 */
public class FeedFetcher {
  static final String USER_AGENT = "cast2md/0.1 (podcast transcripts; +https://github.com/)";

  /** The longest URL we store (the feed.url column). */
  static final int MAX_URL_LENGTH = 2048;

  private final HttpClient client;
  private final Duration timeout;
  private final long maxBytes;
  private final int maxRedirects;
  private final String what;

  /** The outcome of a fetch: either the server said nothing changed, or a body. */
  public sealed interface Result permits NotModified, Fetched {}

  public record NotModified() implements Result {}

  public record Fetched(byte[] body, String contentType, Validators validators, URI finalUri)
      implements Result {}

  public FeedFetcher(Duration timeout, long maxBytes, int maxRedirects) {
    this(timeout, maxBytes, maxRedirects, "feed");
  }

  /**
   * @param what what is fetched, for error messages ("feed", "transcript")
   */
  public FeedFetcher(Duration timeout, long maxBytes, int maxRedirects, String what) {
    this.what = what;
    this.timeout = timeout;
    this.maxBytes = maxBytes;
    this.maxRedirects = maxRedirects;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public Result fetch(String url, Validators known) throws FeedFetchException {
    URI uri = checkedUri(url);
    long deadline = System.nanoTime() + timeout.toNanos();
    for (int hop = 0; hop <= maxRedirects; hop++) {
      HttpResponse<byte[]> response = send(request(uri, known), deadline);
      int status = response.statusCode();
      if (status == 304) {
        return new NotModified();
      }
      if (status >= 300 && status < 400) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new FeedFetchException(
              "Failed to fetch " + what + ": HTTP " + status + " without Location");
        }
        uri = checkedUri(uri.resolve(location.trim()).toString());
        continue;
      }
      if (status != 200) {
        throw new FeedFetchException("Failed to fetch " + what + ": HTTP " + status, status);
      }
      return new Fetched(
          response.body(),
          response.headers().firstValue("Content-Type").orElse(null),
          new Validators(
              response.headers().firstValue("ETag").orElse(null),
              response.headers().firstValue("Last-Modified").orElse(null)),
          uri);
    }
    throw new FeedFetchException(
        "Failed to fetch " + what + ": more than " + maxRedirects + " redirects (a loop?)");
  }

  /** Only absolute http and https URLs: no file:, ftp: or jar: through a feed URL. */
  URI checkedUri(String url) throws FeedFetchException {
    return httpUri(url, what);
  }

  static URI httpUri(String url, String what) throws FeedFetchException {
    if (url != null && url.length() > MAX_URL_LENGTH) {
      throw new FeedFetchException(
          "Failed to fetch " + what + ": URL longer than " + MAX_URL_LENGTH + " characters");
    }
    try {
      URI uri = new URI(url == null ? "" : url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new FeedFetchException("Failed to fetch " + what + ": not an http(s) URL: " + url);
      }
      return uri;
    } catch (java.net.URISyntaxException e) {
      throw new FeedFetchException("Failed to fetch " + what + ": not a URL: " + url, e);
    }
  }

  private HttpRequest request(URI uri, Validators known) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", USER_AGENT)
            .header(
                "Accept",
                "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9,"
                    + " */*;q=0.5")
            .GET();
    if (known.etag() != null) {
      b.header("If-None-Match", known.etag());
    }
    if (known.lastModified() != null) {
      b.header("If-Modified-Since", known.lastModified());
    }
    return b.build();
  }

  private HttpResponse<byte[]> send(HttpRequest request, long deadline) throws FeedFetchException {
    Future<HttpResponse<byte[]>> future =
        client.sendAsync(request, info -> new LimitedBody(maxBytes));
    try {
      long left = Math.max(1, deadline - System.nanoTime());
      return future.get(left, TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new FeedFetchException(
          "Failed to fetch " + what + ": no answer within " + timeout.toSeconds() + " s", e);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new FeedFetchException("Failed to fetch " + what + ": interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while (cause != null
          && !(cause instanceof LimitedBody.TooLarge)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof LimitedBody.TooLarge) {
        throw new FeedFetchException(
            "Failed to fetch " + what + ": larger than " + maxBytes / (1024 * 1024) + " MB", e);
      }
      Throwable root = e.getCause() == null ? e : e.getCause();
      String why =
          root instanceof IOException && root.getMessage() != null
              ? root.getMessage()
              : root.getClass().getSimpleName();
      throw new FeedFetchException("Failed to fetch " + what + ": " + why, e);
    }
  }
}
