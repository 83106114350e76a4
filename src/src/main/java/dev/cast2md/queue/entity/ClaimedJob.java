package dev.cast2md.queue.entity;

/** A job just claimed, with what the claimer needs to start on it. */
public record ClaimedJob(
    Job job, String episodeTitle, String enclosureUrl, Integer durationSeconds) {}
