package dev.cast2md.nodes.boundary;

import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.platform.boundary.ErrorResponses;
import dev.cast2md.platform.boundary.ServerComponents;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Serves a job's audio to its node: the stored file with HTTP Range support, or, when the server
 * never downloaded it, a relay of the enclosure URL (Range passed through).
 */
@ApplicationScoped
public class AudioStreamer {
  private static final Logger LOG = Logger.getLogger(AudioStreamer.class.getName());
  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

  @Inject ServerComponents components;

  private HttpClient http;

  @PostConstruct
  void init() {
    http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  public Response stream(Episode episode, String rangeHeader) {
    if (episode.audioPath() != null) {
      Path dataDir = components.dataDirectory();
      Path file = dataDir.resolve(episode.audioPath()).normalize();
      if (!file.startsWith(dataDir) || !Files.isRegularFile(file)) {
        return ErrorResponses.of(404, "Audio file not found on disk");
      }
      return fromFile(file, episode.audioContentType(), rangeHeader);
    }
    String url = episode.audioUrl();
    if (url != null && (url.startsWith("http://") || url.startsWith("https://"))) {
      return relay(URI.create(url), rangeHeader);
    }
    return ErrorResponses.of(404, "Audio file not found");
  }

  static Response fromFile(Path file, String contentType, String rangeHeader) {
    long size;
    try {
      size = Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ByteRange range = ByteRange.parse(rangeHeader, size);
    if (range == ByteRange.UNSATISFIABLE) {
      return Response.status(416)
          .header("Content-Range", "bytes */" + size)
          .header("Accept-Ranges", "bytes")
          .build();
    }
    ByteRange r = range == null ? new ByteRange(0, size - 1) : range;
    StreamingOutput body = out -> copy(file, r.start(), r.length(), out);
    Response.ResponseBuilder b =
        Response.status(range == null ? 200 : 206)
            .entity(body)
            .type(contentType == null ? "audio/mpeg" : contentType)
            .header("Accept-Ranges", "bytes")
            .header("Content-Length", r.length())
            .header("Content-Disposition", contentDisposition(file.getFileName().toString()));
    if (range != null) {
      b.header("Content-Range", "bytes " + r.start() + "-" + r.end() + "/" + size);
    }
    return b.build();
  }

  /** Exactly {@code attachment; filename="name"}: the Python node parses it naively. */
  static String contentDisposition(String name) {
    String safe = name.replaceAll("[\"/\\\\;\\r\\n]", "_");
    return "attachment; filename=\"" + safe + "\"";
  }

  private static void copy(Path file, long start, long length, OutputStream out)
      throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long done = 0;
      var target = Channels.newChannel(out);
      while (done < length) {
        long n = ch.transferTo(start + done, length - done, target);
        if (n <= 0) {
          break;
        }
        done += n;
      }
    }
  }

  private Response relay(URI uri, String rangeHeader) {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri).timeout(UPSTREAM_TIMEOUT).GET();
    if (rangeHeader != null) {
      req.header("Range", rangeHeader);
    }
    HttpResponse<InputStream> upstream;
    try {
      upstream = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      LOG.warning("event=audio-relay-failed url-host=" + uri.getHost() + " " + e);
      return ErrorResponses.of(502, "Could not fetch the episode's audio: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ErrorResponses.of(503, "Interrupted");
    }
    int status = upstream.statusCode();
    if (status == 404 || status == 410) {
      close(upstream.body());
      return ErrorResponses.of(404, "Audio file not found upstream (HTTP " + status + ")");
    }
    if (status != 200 && status != 206) {
      close(upstream.body());
      return ErrorResponses.of(502, "Audio upstream answered HTTP " + status);
    }
    StreamingOutput body =
        out -> {
          try (InputStream in = upstream.body()) {
            in.transferTo(out);
          }
        };
    String path = uri.getPath() == null ? "" : uri.getPath();
    String name = path.substring(path.lastIndexOf('/') + 1);
    Response.ResponseBuilder b =
        Response.status(status)
            .entity(body)
            .type(upstream.headers().firstValue("Content-Type").orElse("audio/mpeg"))
            .header("Content-Disposition", contentDisposition(name.isBlank() ? "audio.mp3" : name));
    upstream.headers().firstValue("Content-Length").ifPresent(v -> b.header("Content-Length", v));
    upstream.headers().firstValue("Content-Range").ifPresent(v -> b.header("Content-Range", v));
    upstream.headers().firstValue("Accept-Ranges").ifPresent(v -> b.header("Accept-Ranges", v));
    return b.build();
  }

  private static void close(InputStream in) {
    try {
      in.close();
    } catch (IOException ignored) {
      // the body was not wanted anyway
    }
  }
}
