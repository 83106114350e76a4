package dev.cast2md.feeds.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.EnqueueResult;
import dev.cast2md.queue.entity.JobType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;

/** A single file or URL transcribed without a feed: an episode of its own, queued at once. */
public class StandaloneEpisodes {
  private final Database db;
  private final JobQueue queue;
  private final Clock clock;
  private final Path dataDir;

  public StandaloneEpisodes(Database db, JobQueue queue, Clock clock, Path dataDir) {
    this.db = db;
    this.queue = queue;
    this.clock = clock;
    this.dataDir = dataDir;
  }

  /** The new episode and its transcription job. */
  public record Created(long episodeId, long jobId) {}

  public Created fromUrl(String title, String audioUrl, int priority) {
    URI uri = checkedUrl(audioUrl);
    String name = title == null || title.isBlank() ? nameFrom(uri) : title.trim();
    return db.inTransaction(
        c -> {
          long ep =
              EpisodeRepository.createStandalone(c, name, uri.toString(), null, clock.instant());
          EnqueueResult job = queue.enqueueTranscription(c, ep, priority);
          return new Created(ep, job.jobId());
        });
  }

  /** Stores an uploaded file under the data directory, then queues it. */
  public Created fromUpload(String title, String fileName, String contentType, InputStream body)
      throws IOException {
    String ext = extension(fileName, contentType);
    Path dir = dataDir.resolve("audio");
    Files.createDirectories(dir);
    String stored = UUID.randomUUID() + ext;
    Path partial = dir.resolve(stored + ".part");
    try {
      long size = Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
      if (size == 0) {
        throw new IllegalArgumentException("The uploaded file is empty");
      }
      Files.move(partial, dir.resolve(stored), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
    String name =
        title != null && !title.isBlank()
            ? title.trim()
            : (fileName != null && !fileName.isBlank() ? fileName : "Uploaded audio");
    String relative = "audio/" + stored;
    return db.inTransaction(
        c -> {
          long ep = EpisodeRepository.createStandalone(c, name, null, relative, clock.instant());
          EpisodeRepository.setAudioPath(c, ep, relative, contentType, clock.instant());
          EnqueueResult job = queue.enqueue(c, ep, JobType.TRANSCRIBE, 10);
          return new Created(ep, job.jobId());
        });
  }

  static URI checkedUrl(String audioUrl) {
    if (audioUrl == null || audioUrl.isBlank()) {
      throw new IllegalArgumentException("Field 'audio_url' is required");
    }
    if (audioUrl.length() > 4096) {
      throw new IllegalArgumentException("Field 'audio_url' is longer than 4096 characters");
    }
    URI uri;
    try {
      uri = URI.create(audioUrl.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Field 'audio_url' is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("Field 'audio_url' must be an http or https URL");
    }
    return uri;
  }

  private static String nameFrom(URI uri) {
    String path = uri.getPath();
    if (path == null || path.isBlank() || path.equals("/")) {
      return uri.getHost();
    }
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static String extension(String fileName, String contentType) {
    if (fileName != null) {
      int dot = fileName.lastIndexOf('.');
      if (dot >= 0 && fileName.length() - dot <= 6) {
        String ext = fileName.substring(dot).toLowerCase(Locale.ROOT);
        if (ext.matches("\\.[a-z0-9]+")) {
          return ext;
        }
      }
    }
    if (contentType == null) {
      return ".bin";
    }
    return switch (contentType.toLowerCase(Locale.ROOT)) {
      case "audio/mpeg", "audio/mp3" -> ".mp3";
      case "audio/wav", "audio/x-wav", "audio/wave" -> ".wav";
      case "audio/ogg" -> ".ogg";
      case "audio/flac" -> ".flac";
      case "audio/mp4", "audio/x-m4a", "audio/aac" -> ".m4a";
      default -> ".bin";
    };
  }
}
