package dev.cast2md.worker.engine.models;

import java.util.List;

/**
 * A model the worker can fetch by name: the engine that runs it and its files.
 *
 * @param id the name users give in {@code WHISPER_MODEL} / {@code --model}
 * @param engine "parakeet" or "whisper"
 * @param files every file the engine needs, all in one directory
 */
public record ModelSpec(String id, String engine, List<ModelFile> files) {

  public long knownBytes() {
    return files.stream().mapToLong(f -> Math.max(0, f.size())).sum();
  }
}
