package dev.cast2md.batch.entity;

import java.io.Serializable;

/**
 * An episode the selection found, and whether to ask its publisher for a transcript first.
 * Serializable: the batch runtime may hold items across a checkpoint.
 */
public record Candidate(long episodeId, boolean publisherFirst) implements Serializable {}
