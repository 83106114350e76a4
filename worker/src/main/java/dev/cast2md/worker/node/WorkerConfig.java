package dev.cast2md.worker.node;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the running node needs. {@link #toString()} leaves the key out: configuration is
 * logged at start-up and a key must never reach a log.
 */
public record WorkerConfig(
    URI serverUrl,
    String nodeId,
    String apiKey,
    String name,
    Duration pollInterval,
    Duration heartbeatInterval,
    int prefetchDepth,
    Path workDir,
    Path spoolDir,
    long maxAudioBytes,
    boolean directDownload,
    Duration shutdownGrace,
    StopSettings stop,
    Backoff completeRetry) {

  @Override
  public String toString() {
    return "server="
        + serverUrl
        + " node="
        + nodeId
        + " name="
        + name
        + " poll="
        + pollInterval.toSeconds()
        + "s heartbeat="
        + heartbeatInterval.toSeconds()
        + "s prefetch="
        + prefetchDepth
        + " persistent="
        + stop.persistent()
        + " work="
        + workDir
        + " spool="
        + spoolDir;
  }
}
