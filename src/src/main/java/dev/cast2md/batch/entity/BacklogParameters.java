package dev.cast2md.batch.entity;

import dev.cast2md.feeds.entity.EpisodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a transcribe-backlog run works on and how.
 *
 * @param feeds only episodes of these feeds; empty: every feed (standalone episodes included)
 * @param publishedAfter only episodes published at or after this time; null: no bound
 * @param publishedBefore only episodes published before this time; null: no bound
 * @param states only episodes in one of these states
 * @param limit at most this many episodes; null: all that match
 * @param model the model for the pods this run starts; null: the configured one
 * @param maxPods pods to run for this backlog; null: up to the configured maximum; 0: none
 * @param transcriptsFirst fetch a publisher transcript where the feed names one, before
 *     transcribing
 * @param priority queue priority of the jobs (lower is claimed first)
 * @param chunkSize episodes selected and queued per checkpoint
 * @param pollSeconds how often the wait step looks at the queue
 * @param maxWaitHours after this long waiting, the run reports what is done and ends
 */
public record BacklogParameters(
    List<Long> feeds,
    Instant publishedAfter,
    Instant publishedBefore,
    Set<EpisodeStatus> states,
    Integer limit,
    String model,
    Integer maxPods,
    boolean transcriptsFirst,
    int priority,
    int chunkSize,
    int pollSeconds,
    int maxWaitHours) {

  public static final Set<EpisodeStatus> DEFAULT_STATES =
      Set.of(
          EpisodeStatus.NEW,
          EpisodeStatus.AWAITING_TRANSCRIPT,
          EpisodeStatus.NEEDS_AUDIO,
          EpisodeStatus.AUDIO_READY);

  /** States an episode may be selected in: those without a transcript and not being worked on. */
  public static final Set<EpisodeStatus> SELECTABLE_STATES =
      Set.of(
          EpisodeStatus.NEW,
          EpisodeStatus.AWAITING_TRANSCRIPT,
          EpisodeStatus.NEEDS_AUDIO,
          EpisodeStatus.AUDIO_READY,
          EpisodeStatus.FAILED);

  public BacklogParameters {
    feeds = List.copyOf(feeds);
    states = Set.copyOf(states);
  }
}
