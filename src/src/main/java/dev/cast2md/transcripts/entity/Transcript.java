package dev.cast2md.transcripts.entity;

import java.time.Instant;

/**
 * An episode's transcript: the Markdown, and the timed segments as JSON when the engine gave them.
 */
public record Transcript(
    long episodeId,
    String markdown,
    String segmentsJson,
    String model,
    String source,
    String language,
    Instant createdAt,
    Instant updatedAt) {}
