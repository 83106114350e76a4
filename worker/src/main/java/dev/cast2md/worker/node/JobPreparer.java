package dev.cast2md.worker.node;

import dev.cast2md.protocol.ClaimResponse;
import dev.cast2md.protocol.NodePaths;
import dev.cast2md.worker.audio.AudioDecoder;
import dev.cast2md.worker.audio.ChunkSpan;
import dev.cast2md.worker.audio.DecodedAudio;
import dev.cast2md.worker.audio.SilenceChunker;
import dev.cast2md.worker.audio.UndecodableAudioException;
import dev.cast2md.worker.logging.EventLog;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns a claim into a {@link PreparedJob}: audio fetched (from the publisher directly when
 * allowed, else relayed by the server), decoded, and planned into chunks, all off the engine's
 * critical path.
 */
public final class JobPreparer {
  private final HttpNodeClient client;
  private final AudioDecoder decoder;
  private final SilenceChunker chunker;
  private final Path workDir;
  private final boolean directDownload;
  private final DirectoryHook hook;

  public JobPreparer(
      HttpNodeClient client,
      AudioDecoder decoder,
      SilenceChunker chunker,
      Path workDir,
      boolean directDownload) {
    this(client, decoder, chunker, workDir, directDownload, (jobId, dir) -> {});
  }

  JobPreparer(
      HttpNodeClient client,
      AudioDecoder decoder,
      SilenceChunker chunker,
      Path workDir,
      boolean directDownload,
      DirectoryHook hook) {
    this.client = client;
    this.decoder = decoder;
    this.chunker = chunker;
    this.workDir = workDir;
    this.directDownload = directDownload;
    this.hook = hook;
  }

  /**
   * Sees each fresh job directory before anything is written into it: tests plant a link to {@code
   * /dev/full} there to get a real "No space left on device".
   */
  @FunctionalInterface
  interface DirectoryHook {
    void created(long jobId, Path dir) throws IOException;
  }

  public PreparedJob prepare(ClaimResponse claim) throws JobFailure, InterruptedException {
    long jobId = claim.jobId();
    Path dir = workDir.resolve("job-" + jobId);
    String doing = "creating the job directory";
    try {
      PreparedJob.deleteTree(dir);
      Files.createDirectories(dir);
      hook.created(jobId, dir);
      Path audioFile = dir.resolve("audio");
      doing = "writing the downloaded audio";
      fetch(claim, audioFile);
      long started = System.nanoTime();
      doing = "writing the decoded audio";
      DecodedAudio audio = decoder.decode(audioFile, dir.resolve("audio.f32"));
      Files.deleteIfExists(audioFile);
      List<ChunkSpan> plan = chunker.plan(audio);
      EventLog.job(
          jobId,
          "prepared: %.1f s of audio decoded in %.1f s, %d chunks",
          audio.durationSeconds(),
          (System.nanoTime() - started) / 1e9,
          plan.size());
      return new PreparedJob(jobId, claim, dir, audio, plan);
    } catch (DownloadException e) {
      PreparedJob.deleteTree(dir);
      throw new JobFailure(e.getMessage(), e.permanent(), e);
    } catch (UndecodableAudioException e) {
      PreparedJob.deleteTree(dir);
      throw new JobFailure("Undecodable audio: " + e.getMessage(), true, e);
    } catch (InterruptedIOException e) {
      PreparedJob.deleteTree(dir);
      throw new InterruptedException("preparation interrupted");
    } catch (IOException e) {
      PreparedJob.deleteTree(dir);
      if (DiskFull.is(e)) {
        throw JobFailure.diskFull(doing, e);
      }
      throw new JobFailure(
          "Failed to download audio: " + e.getClass().getSimpleName() + ": " + e.getMessage(),
          false,
          e);
    } catch (InterruptedException e) {
      PreparedJob.deleteTree(dir);
      throw e;
    }
  }

  private void fetch(ClaimResponse claim, Path target) throws IOException, InterruptedException {
    long jobId = claim.jobId();
    String enclosure = claim.enclosureUrl();
    if (directDownload && enclosure != null && enclosure.matches("(?i)https?://.+")) {
      try {
        client.downloadDirect(URI.create(enclosure), jobId, target);
        EventLog.job(jobId, "audio fetched from the publisher");
        return;
      } catch (IOException e) {
        if (DiskFull.is(e)) {
          // The server's copy would not fit either.
          throw e;
        }
        // The server holds a copy; a publisher outage must not fail the job.
        EventLog.jobWarn(jobId, "direct download failed (%s), using the server", e.getMessage());
        Files.deleteIfExists(target);
      } catch (IllegalArgumentException e) {
        EventLog.jobWarn(jobId, "direct download failed (%s), using the server", e.getMessage());
        Files.deleteIfExists(target);
      }
    }
    String audioUrl = claim.audioUrl();
    client.downloadAudio(
        audioUrl == null || audioUrl.isBlank() ? NodePaths.audio(jobId) : audioUrl, jobId, target);
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("download interrupted");
    }
    EventLog.job(jobId, "audio fetched from the server");
  }
}
