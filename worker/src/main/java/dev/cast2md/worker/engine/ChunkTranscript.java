package dev.cast2md.worker.engine;

import java.util.List;

/** What the engine heard in one chunk; times are relative to the chunk's first sample. */
public record ChunkTranscript(int index, List<TimedText> items, String language) {}
