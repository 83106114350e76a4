package dev.cast2md.transcripts.entity;

/**
 * An episode that matches a search: where in its transcript (seconds, null when only the title
 * matched) and the matching paragraph as plain text.
 */
public record SearchHit(
    long episodeId,
    String episodeTitle,
    Long feedId,
    String feedTitle,
    Double startSeconds,
    String timestamp,
    String snippet) {}
