package dev.cast2md.batch.entity;

/** An episode a backlog run could not get a transcript for, and why. */
public record FailedEpisode(long episodeId, String title, String reason) {}
