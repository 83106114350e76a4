package dev.cast2md.feeds.entity;

import java.time.Instant;

/**
 * An episode of a feed, or a standalone file or URL queued without a feed ({@code feedId} null).
 */
public record Episode(
    long id,
    Long feedId,
    String guid,
    String title,
    String description,
    String audioUrl,
    String audioPath,
    String audioContentType,
    Integer durationSeconds,
    Instant publishedAt,
    EpisodeStatus status,
    String transcriptModel,
    String transcriptSource,
    String errorMessage,
    boolean permanentFailure,
    Instant createdAt,
    Instant updatedAt) {}
