package dev.cast2md.feeds.control;

import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.entity.EnqueueResult;
import dev.cast2md.queue.entity.JobType;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What a user asks for an episode or a selection of them: transcribe it, or look for the
 * publisher's transcript again. Queueing is idempotent (an active job is reused), so repeating a
 * bulk action is harmless.
 */
public class EpisodeActions {
  /** Manual requests go before the automatic backlog (priority 1). */
  public static final int MANUAL_PRIORITY = 10;

  public static final int MAX_SELECTION = 1000;

  private final Database db;
  private final JobQueue queue;

  public EpisodeActions(Database db, JobQueue queue) {
    this.db = db;
    this.queue = queue;
  }

  public enum Action {
    TRANSCRIBE,
    TRANSCRIPT_CHECK;

    public static Optional<Action> parse(String value) {
      if (value == null) {
        return Optional.empty();
      }
      return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "transcribe", "queue" -> Optional.of(TRANSCRIBE);
        case "transcript_check", "check_transcript" -> Optional.of(TRANSCRIPT_CHECK);
        default -> Optional.empty();
      };
    }
  }

  /** One episode's outcome: the active job, or why there is none. */
  public record Outcome(long episodeId, Long jobId, boolean created, String problem) {}

  public List<Outcome> apply(Action action, List<Long> episodeIds) {
    List<Long> ids = new ArrayList<>(new LinkedHashSet<>(episodeIds));
    if (ids.size() > MAX_SELECTION) {
      throw new IllegalArgumentException("At most " + MAX_SELECTION + " episodes at once");
    }
    return db.inTransaction(
        c -> {
          List<Outcome> out = new ArrayList<>();
          for (long id : ids) {
            Optional<String> transcriptUrl =
                Sql.queryOne(
                    c,
                    "SELECT COALESCE(transcript_url, '') FROM episode WHERE id = ?",
                    rs -> rs.getString(1),
                    id);
            if (transcriptUrl.isEmpty()) {
              out.add(new Outcome(id, null, false, "Episode not found"));
              continue;
            }
            if (action == Action.TRANSCRIPT_CHECK && transcriptUrl.get().isEmpty()) {
              out.add(new Outcome(id, null, false, "The feed names no transcript for it"));
              continue;
            }
            JobType type =
                action == Action.TRANSCRIBE ? JobType.TRANSCRIBE : JobType.TRANSCRIPT_DOWNLOAD;
            EnqueueResult r = queue.enqueue(c, id, type, MANUAL_PRIORITY);
            out.add(new Outcome(id, r.jobId(), r.created(), null));
          }
          return out;
        });
  }
}
