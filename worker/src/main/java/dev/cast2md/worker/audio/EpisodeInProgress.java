package dev.cast2md.worker.audio;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One episode on its way through the engine: which of its chunks were read for a call, the answers
 * received so far (in plan order, as the merger wants them) and the language heard first.
 */
final class EpisodeInProgress {
  private final long id;
  private final DecodedAudio audio;
  private final List<ChunkSpan> plan;
  private final IntConsumer progress;
  private final List<ChunkTranscript> answers = new ArrayList<>();
  private int read;
  private String language;

  EpisodeInProgress(long id, DecodedAudio audio, List<ChunkSpan> plan, IntConsumer progress) {
    this.id = id;
    this.audio = audio;
    this.plan = List.copyOf(plan);
    this.progress = progress;
  }

  long id() {
    return id;
  }

  /** Chunks not yet read for an engine call. */
  int unread() {
    return plan.size() - read;
  }

  /** Reads the next chunk's samples from disk: one call's worth of audio in memory at a time. */
  AudioChunk readNext() throws IOException {
    ChunkSpan span = plan.get(read);
    AudioChunk chunk =
        new AudioChunk(span.index(), span.offsetSeconds(), audio.read(span.start(), span.end()));
    read++;
    return chunk;
  }

  /** The engine's answer for the oldest chunk without one. */
  void answered(ChunkTranscript answer) {
    answers.add(answer);
    if (language == null && answer.language() != null) {
      language = answer.language();
    }
  }

  void reportProgress() {
    progress.accept(plan.isEmpty() ? 100 : (int) (100L * answers.size() / plan.size()));
  }

  boolean complete() {
    return answers.size() == plan.size();
  }

  Transcript transcript() {
    return MarkdownFormatter.format(TranscriptMerger.merge(plan, answers), language);
  }
}
