package dev.cast2md.worker.node;

import java.nio.file.Path;
import java.util.List;

/**
 * A snapshot of the running node for the health report and {@code /status}; no secrets.
 *
 * @param currentJobId the oldest job in the engine
 * @param transcribingJobIds every job in the engine, oldest first: more than one when prefetched
 *     jobs share its calls
 * @param diskFullFailures jobs failed in a row because the work disk was full (0 once one fits)
 * @param unspooledTranscripts finished transcripts held in memory because the spool disk is full
 * @param deadThreads the worker's threads that ended although the worker was not stopping
 */
public record WorkerStatus(
    String name,
    String engine,
    String device,
    boolean running,
    boolean ready,
    Long currentJobId,
    List<Long> transcribingJobIds,
    List<Long> prefetchedJobIds,
    List<Long> spooledJobIds,
    int consecutiveFailures,
    int maxConsecutiveFailures,
    boolean breakerTripped,
    Path workDir,
    int diskFullFailures,
    int unspooledTranscripts,
    List<String> deadThreads) {}
