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

  public JobPreparer(
      HttpNodeClient client,
      AudioDecoder decoder,
      SilenceChunker chunker,
      Path workDir,
      boolean directDownload) {
    this.client = client;
    this.decoder = decoder;
    this.chunker = chunker;
    this.workDir = workDir;
    this.directDownload = directDownload;
  }

  public PreparedJob prepare(ClaimResponse claim) throws JobFailure, InterruptedException {
    long jobId = claim.jobId();
    Path dir = workDir.resolve("job-" + jobId);
    try {
      PreparedJob.deleteTree(dir);
      Files.createDirectories(dir);
      Path audioFile = dir.resolve("audio");
      fetch(claim, audioFile);
      long started = System.nanoTime();
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
      String message =
          AudioDownloader.isDiskFull(e)
              ? "Worker disk full: " + e.getMessage()
              : "Failed to download audio: " + e.getClass().getSimpleName() + ": " + e.getMessage();
      throw new JobFailure(message, false, e);
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
      } catch (IOException | IllegalArgumentException e) {
        // The server holds a copy; a publisher outage must not fail the job.
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
