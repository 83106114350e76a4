package dev.cast2md.queue.entity;

/** The job that is now active for the episode, and whether this call created it. */
public record EnqueueResult(long jobId, boolean created) {}
