package dev.cast2md.feeds.control;

import dev.cast2md.feeds.entity.Episode;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.ClaimedJob;
import dev.cast2md.queue.entity.Job;
import dev.cast2md.queue.entity.JobStatus;
import dev.cast2md.queue.entity.JobType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Download jobs, for when the server relays audio to workers that cannot fetch enclosures
 * themselves: the server claims a download job, stores the enclosure under {@code
 * <data>/audio/<feed>/<episode>.<ext>}, and queues the transcription, whose worker then gets the
 * stored file. When relaying is off the server downloads nothing: download jobs still queued are
 * turned into transcription jobs, and the workers fetch the enclosures.
 */
public class AudioDownloads {
  private static final Logger LOG = Logger.getLogger(AudioDownloads.class.getName());
  private static final int HAND_BACK_BATCH = 500;

  private final Database db;
  private final JobQueue queue;
  private final AudioDownloader downloader;
  private final Path dataDir;
  private final BooleanSupplier relay;
  private final String workerId;

  /**
   * @param relay whether the server relays audio (read before every job)
   * @param workerId the name this server's download claims are recorded under
   */
  public AudioDownloads(
      Database db,
      JobQueue queue,
      AudioDownloader downloader,
      Path dataDir,
      BooleanSupplier relay,
      String workerId) {
    this.db = db;
    this.queue = queue;
    this.downloader = downloader;
    this.dataDir = dataDir;
    this.relay = relay;
    this.workerId = workerId;
  }

  public boolean relaying() {
    return relay.getAsBoolean();
  }

  /** Ends the download in progress, which goes back to the queue, and takes no further job. */
  public void stop() {
    downloader.close();
  }

  /** Downloads for one due job; false when there was none (or relaying is off). */
  public boolean runOne() {
    if (downloader.closed() || !relaying()) {
      return false;
    }
    Optional<ClaimedJob> claimed = queue.claim(workerId, JobType.DOWNLOAD);
    if (claimed.isEmpty()) {
      return false;
    }
    Job job = claimed.get().job();
    Optional<Episode> episode =
        db.inTransaction(
            c -> {
              queue.markWorkStarted(c, job.id());
              Sql.update(
                  c,
                  "UPDATE episode SET status = ?, updated_at = ? WHERE id = ? AND status <> ?",
                  EpisodeStatus.DOWNLOADING,
                  queue.now(),
                  job.episodeId(),
                  EpisodeStatus.COMPLETED);
              return EpisodeRepository.find(c, job.episodeId());
            });
    if (episode.isEmpty() || episode.get().audioUrl() == null) {
      finishFailed(job, "The episode has no audio URL", false);
      return true;
    }
    String relative = relativePath(episode.get());
    try {
      AudioDownloader.Downloaded d =
          downloader.download(
              episode.get().audioUrl(),
              dataDir.resolve(relative),
              total -> db.inTransaction(c -> queue.renewLeases(c, workerId)));
      stored(job, relative, d);
    } catch (AudioDownloader.Refused e) {
      finishFailed(job, e.getMessage(), false);
    } catch (FeedFetchException e) {
      if (downloader.closed()) {
        release(job); // stopping: queued again at once, the part is resumed after the restart
        return true;
      }
      // 404/410 and other client errors will not heal; network trouble and 5xx might
      int status = e.httpStatus();
      boolean permanent = status >= 400 && status < 500 && status != 408 && status != 429;
      finishFailed(job, e.getMessage(), !permanent);
    } catch (RuntimeException e) {
      finishFailed(job, "Audio download failed: " + e, true);
    }
    return true;
  }

  private void stored(Job job, String relative, AudioDownloader.Downloaded d) {
    String type = d.contentType() == null ? null : d.contentType().split(";")[0].trim();
    if (type != null && !(type.startsWith("audio/") || type.startsWith("video/"))) {
      type = null; // e.g. application/octet-stream: the stream then says audio/mpeg
    }
    String contentType = type;
    db.inTransaction(
        c -> {
          EpisodeRepository.setAudioPath(c, job.episodeId(), relative, contentType, queue.now());
          Sql.update(
              c,
              "UPDATE episode SET status = ?, error_message = NULL, updated_at = ?"
                  + " WHERE id = ? AND status <> ?",
              EpisodeStatus.AUDIO_READY,
              queue.now(),
              job.episodeId(),
              EpisodeStatus.COMPLETED);
          Optional<Job> locked = queue.lock(c, job.id());
          if (locked.isPresent() && locked.get().isHeldBy(workerId)) {
            queue.complete(c, locked.get(), workerId);
            queue.enqueue(c, job.episodeId(), JobType.TRANSCRIBE, job.priority());
          }
          return null;
        });
    LOG.info(
        () ->
            "job="
                + job.id()
                + " episode="
                + job.episodeId()
                + " event=audio-downloaded bytes="
                + d.bytes());
  }

  private void release(Job job) {
    db.inTransaction(
        c -> {
          Optional<Job> locked = queue.lock(c, job.id());
          if (locked.isPresent() && locked.get().isHeldBy(workerId)) {
            queue.release(c, locked.get(), workerId);
            notDownloading(c, job.episodeId());
          }
          return null;
        });
  }

  private void notDownloading(Connection c, long episodeId) throws SQLException {
    Sql.update(
        c,
        "UPDATE episode SET status = ?, updated_at = ? WHERE id = ? AND status = ?",
        EpisodeStatus.NEW,
        queue.now(),
        episodeId,
        EpisodeStatus.DOWNLOADING);
  }

  private void finishFailed(Job job, String message, boolean retry) {
    db.inTransaction(
        c -> {
          Optional<Job> locked = queue.lock(c, job.id());
          if (locked.isEmpty() || !locked.get().isHeldBy(workerId)) {
            return null; // cancelled or taken back meanwhile
          }
          JobStatus after = queue.fail(c, locked.get(), workerId, message, retry);
          Sql.update(
              c,
              "UPDATE episode SET status = ?, error_message = ?, permanent_failure = ?,"
                  + " updated_at = ? WHERE id = ? AND status <> ?",
              after == JobStatus.FAILED ? EpisodeStatus.FAILED : EpisodeStatus.NEW,
              message,
              after == JobStatus.FAILED && !retry,
              queue.now(),
              job.episodeId(),
              EpisodeStatus.COMPLETED);
          return null;
        });
    LOG.warning(
        "job="
            + job.id()
            + " episode="
            + job.episodeId()
            + " event=audio-download-failed retry="
            + retry
            + " "
            + message);
  }

  /**
   * With relaying off, queued download jobs become transcription jobs (the worker fetches the
   * enclosure), so that switching the setting strands nothing.
   *
   * @return how many were handed over
   */
  public int handBack() {
    if (relaying()) {
      return 0;
    }
    return db.inTransaction(
        c -> {
          List<long[]> waiting =
              Sql.query(
                  c,
                  "SELECT id, episode_id, priority FROM job WHERE job_type = ?"
                      + " AND status = 'queued' ORDER BY id LIMIT "
                      + HAND_BACK_BATCH,
                  rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
                  JobType.DOWNLOAD);
          int handed = 0;
          for (long[] w : waiting) {
            int n =
                Sql.update(
                    c,
                    "UPDATE job SET status = 'cancelled', error_message = ?, completed_at = ?,"
                        + " updated_at = ? WHERE id = ? AND status = 'queued'",
                    "Audio relay is off: the worker fetches the enclosure",
                    queue.now(),
                    queue.now(),
                    w[0]);
            if (n == 1) {
              queue.enqueue(c, w[1], JobType.TRANSCRIBE, (int) w[2]);
              handed++;
            }
          }
          return handed;
        });
  }

  /**
   * Gives back the downloads this server held when it stopped, so that they resume at once (from
   * their partial file) instead of waiting for their lease to run out.
   */
  public int releaseOwn() {
    return db.inTransaction(
        c -> {
          int n = 0;
          for (Job job : queue.heldBy(c, workerId)) {
            queue.release(c, job, workerId);
            notDownloading(c, job.episodeId());
            n++;
          }
          return n;
        });
  }

  /**
   * Removes the audio relayed for a feed that was deleted: it was only a copy of the publisher's
   * enclosures, kept for the workers.
   */
  public void forgetFeed(long feedId) {
    Path dir = dataDir.resolve("audio").resolve("feed-" + feedId);
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warning("event=audio-cleanup-failed feed=" + feedId + " " + e);
    }
  }

  /** Where an episode's audio goes, relative to the data directory; never outside it. */
  static String relativePath(Episode e) {
    String folder = e.feedId() == null ? "standalone" : "feed-" + e.feedId();
    return "audio/" + folder + "/" + e.id() + extension(e.audioUrl());
  }

  static String extension(String url) {
    String path = url == null ? "" : url.replaceAll("[?#].*$", "");
    int slash = path.lastIndexOf('/');
    int dot = path.lastIndexOf('.');
    if (dot > slash && dot >= 0) {
      String ext = path.substring(dot + 1).toLowerCase(Locale.ROOT);
      if (List.of("mp3", "m4a", "mp4", "aac", "ogg", "oga", "opus", "wav", "flac", "webm")
          .contains(ext)) {
        return "." + ext;
      }
    }
    return ".audio";
  }
}
