package dev.cast2md.worker.node;

import java.util.List;

/** What the health endpoints show: a snapshot of the node, no secrets. */
public record WorkerStatus(
    String name,
    String engine,
    String device,
    boolean running,
    boolean ready,
    Long currentJobId,
    List<Long> prefetchedJobIds,
    List<Long> spooledJobIds) {}
