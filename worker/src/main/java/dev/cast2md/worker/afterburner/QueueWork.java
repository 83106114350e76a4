package dev.cast2md.worker.afterburner;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;

/**
 * The work a pod is there for, from {@code GET /api/queue/status}: queued and running jobs of the
 * types that end in a transcription (as the seed's afterburner counted them; embeddings excluded).
 */
record QueueWork(long queued, long running) {
  static final List<String> TYPES = List.of("download", "transcript_download", "transcribe");

  static QueueWork of(JsonObject status) {
    JsonObject byType =
        status.get("by_type") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    long queued = 0;
    long running = 0;
    for (String type : TYPES) {
      if (byType.get(type) instanceof JsonObject counts) {
        queued += count(counts, "queued");
        running += count(counts, "running");
      }
    }
    return new QueueWork(queued, running);
  }

  long total() {
    return queued + running;
  }

  private static long count(JsonObject counts, String status) {
    return counts.get(status) instanceof JsonNumber n ? n.longValue() : 0;
  }
}
