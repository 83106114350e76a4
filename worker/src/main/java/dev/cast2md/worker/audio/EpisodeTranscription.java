package dev.cast2md.worker.audio;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.TimedText;
import dev.cast2md.worker.engine.Transcriber;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Feeds a decoded, planned episode to the engine batch by batch and turns the answers into the
 * transcript: merge at the joins, phrases, Markdown. Chunks are read from disk one batch at a time,
 * so memory does not grow with the episode.
 */
public final class EpisodeTranscription {
  private EpisodeTranscription() {}

  public static Transcript run(
      DecodedAudio audio, List<ChunkSpan> plan, Transcriber transcriber, IntConsumer progress)
      throws IOException, EngineException, InterruptedException {
    List<ChunkTranscript> answers = new ArrayList<>();
    int batchSize = Math.max(1, transcriber.batchSize());
    String language = null;
    for (int first = 0; first < plan.size(); first += batchSize) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("transcription stopped");
      }
      List<AudioChunk> batch = new ArrayList<>();
      for (ChunkSpan span : plan.subList(first, Math.min(plan.size(), first + batchSize))) {
        batch.add(
            new AudioChunk(
                span.index(), span.offsetSeconds(), audio.read(span.start(), span.end())));
      }
      List<ChunkTranscript> batchAnswers = transcriber.transcribe(batch);
      for (ChunkTranscript answer : batchAnswers) {
        if (language == null && answer.language() != null) {
          language = answer.language();
        }
      }
      answers.addAll(batchAnswers);
      progress.accept((int) (100L * answers.size() / plan.size()));
    }
    List<TimedText> merged = TranscriptMerger.merge(plan, answers);
    return MarkdownFormatter.format(merged, language);
  }
}
