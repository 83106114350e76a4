package dev.cast2md.worker.audio;

import dev.cast2md.worker.engine.AudioChunk;
import dev.cast2md.worker.engine.ChunkTranscript;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.engine.Transcriber;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Feeds several episodes to one engine, filling each engine call with up to {@code chunksPerCall}
 * chunks: the oldest episode's first, then the next episode's, so that a GPU encoder works on the
 * tail of one episode and the head of the next at once. Because the oldest episode always goes
 * first, episodes finish in the order they were added; each answer goes back to its own episode.
 *
 * <p>What goes wrong with one episode stays with it: audio that cannot be read fails that episode
 * alone, and a call that fails while it holds chunks of several episodes is tried again episode by
 * episode, so that only the episode the engine cannot take fails. Single-threaded: one caller adds,
 * steps and drops.
 */
public final class EpisodeBatcher {
  /** How one episode ended: its transcript, or why it failed. */
  public record Outcome(long id, Transcript transcript, Exception failure) {
    public boolean failed() {
      return failure != null;
    }
  }

  /** A chunk read for the next call, with the episode it belongs to. */
  private record Piece(EpisodeInProgress episode, AudioChunk chunk) {}

  private final Transcriber transcriber;
  private final int chunksPerCall;
  private final List<EpisodeInProgress> episodes = new ArrayList<>();

  public EpisodeBatcher(Transcriber transcriber, int chunksPerCall) {
    if (chunksPerCall < 1) {
      throw new IllegalArgumentException("chunks per call must be at least 1");
    }
    this.transcriber = transcriber;
    this.chunksPerCall = chunksPerCall;
  }

  /** Adds an episode after those already here; {@code progress} hears its percentage. */
  public void add(long id, DecodedAudio audio, List<ChunkSpan> plan, IntConsumer progress) {
    for (EpisodeInProgress episode : episodes) {
      if (episode.id() == id) {
        throw new IllegalArgumentException("episode " + id + " is already being transcribed");
      }
    }
    episodes.add(new EpisodeInProgress(id, audio, plan, progress));
  }

  /**
   * Chunks the next call could still take beyond those of the episodes already here: above zero,
   * another episode would share the call instead of leaving it part empty.
   */
  public int room() {
    int unread = 0;
    for (EpisodeInProgress episode : episodes) {
      unread += episode.unread();
    }
    return chunksPerCall - unread;
  }

  public boolean isEmpty() {
    return episodes.isEmpty();
  }

  /** The episodes not yet ended, oldest first. */
  public List<Long> ids() {
    return episodes.stream().map(EpisodeInProgress::id).toList();
  }

  /** Forgets an episode (taken back): none of its chunks go to the engine any more. */
  public boolean drop(long id) {
    return episodes.removeIf(episode -> episode.id() == id);
  }

  /**
   * Runs one engine call and returns the episodes that ended with it: failures as they happen,
   * finished episodes oldest first. An interrupt (shutdown, every episode taken back) ends the call
   * with {@link InterruptedException}; the caller then gives up every episode still here.
   */
  public List<Outcome> step() throws InterruptedException {
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedException("transcription stopped");
    }
    List<Outcome> ended = new ArrayList<>();
    List<Piece> call = new ArrayList<>();
    for (EpisodeInProgress episode : List.copyOf(episodes)) {
      try {
        while (call.size() < chunksPerCall && episode.unread() > 0) {
          call.add(new Piece(episode, episode.readNext()));
        }
      } catch (IOException e) {
        call.removeIf(piece -> piece.episode() == episode);
        fail(episode, e, ended);
      }
    }
    if (!call.isEmpty()) {
      transcribeIsolated(call, ended);
    }
    while (!episodes.isEmpty() && episodes.get(0).complete()) {
      EpisodeInProgress episode = episodes.remove(0);
      try {
        ended.add(new Outcome(episode.id(), episode.transcript(), null));
      } catch (RuntimeException e) {
        ended.add(new Outcome(episode.id(), null, e));
      }
    }
    return ended;
  }

  /** The call as one; when it fails holding several episodes, each again on its own. */
  private void transcribeIsolated(List<Piece> call, List<Outcome> ended)
      throws InterruptedException {
    Map<EpisodeInProgress, List<Piece>> byEpisode = new LinkedHashMap<>();
    for (Piece piece : call) {
      byEpisode.computeIfAbsent(piece.episode(), e -> new ArrayList<>()).add(piece);
    }
    try {
      deliver(call, transcribe(call));
      return;
    } catch (EngineException | RuntimeException e) {
      if (byEpisode.size() == 1) {
        fail(call.get(0).episode(), e, ended);
        return;
      }
    }
    for (Map.Entry<EpisodeInProgress, List<Piece>> entry : byEpisode.entrySet()) {
      try {
        deliver(entry.getValue(), transcribe(entry.getValue()));
      } catch (EngineException | RuntimeException e) {
        fail(entry.getKey(), e, ended);
      }
    }
  }

  /**
   * One engine call. Chunks of one episode keep their own index; when several episodes share the
   * call, indexes would repeat (each has a chunk 0), so the chunks are numbered by position instead
   * and every answer is checked to come back in its place.
   */
  private List<ChunkTranscript> transcribe(List<Piece> pieces)
      throws EngineException, InterruptedException {
    boolean shared = pieces.stream().map(Piece::episode).distinct().count() > 1;
    List<AudioChunk> chunks = new ArrayList<>(pieces.size());
    for (int i = 0; i < pieces.size(); i++) {
      AudioChunk chunk = pieces.get(i).chunk();
      chunks.add(shared ? new AudioChunk(i, chunk.offsetSeconds(), chunk.samples()) : chunk);
    }
    List<ChunkTranscript> answers = transcriber.transcribe(chunks);
    if (answers == null || answers.size() != chunks.size()) {
      throw new EngineException(
          "the engine answered "
              + (answers == null ? "nothing" : answers.size() + " chunks")
              + " for "
              + chunks.size());
    }
    List<ChunkTranscript> mine = new ArrayList<>(answers.size());
    for (int i = 0; i < answers.size(); i++) {
      ChunkTranscript answer = answers.get(i);
      if (answer.index() != chunks.get(i).index()) {
        throw new EngineException(
            "the engine answered chunk " + answer.index() + " where " + i + " was expected");
      }
      mine.add(
          new ChunkTranscript(pieces.get(i).chunk().index(), answer.items(), answer.language()));
    }
    return mine;
  }

  private static void deliver(List<Piece> pieces, List<ChunkTranscript> answers) {
    List<EpisodeInProgress> heard = new ArrayList<>();
    for (int i = 0; i < pieces.size(); i++) {
      EpisodeInProgress episode = pieces.get(i).episode();
      episode.answered(answers.get(i));
      if (!heard.contains(episode)) {
        heard.add(episode);
      }
    }
    heard.forEach(EpisodeInProgress::reportProgress);
  }

  private void fail(EpisodeInProgress episode, Exception cause, List<Outcome> ended) {
    if (episodes.remove(episode)) {
      ended.add(new Outcome(episode.id(), null, cause));
    }
  }
}
