package dev.cast2md.batch.entity;

/**
 * Where a backlog run stands. {@code remaining} counts the episodes not finished (queued, running,
 * withdrawn by a stop); the ETA is null until something has finished in the current execution or
 * while nothing runs.
 */
public record BacklogProgress(
    long selected,
    long done,
    long transcribed,
    long fromPublisher,
    long failed,
    long remaining,
    long queued,
    long running,
    long withdrawn,
    double audioHours,
    Long etaSeconds,
    double podHours,
    double cost,
    Double costPerAudioHour,
    boolean unpricedPods) {}
