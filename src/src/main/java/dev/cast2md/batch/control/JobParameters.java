package dev.cast2md.batch.control;

import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.batch.entity.BatchJob;
import dev.cast2md.batch.entity.RefreshParameters;
import dev.cast2md.feeds.entity.EpisodeStatus;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The parameters of each job: checked when a job is submitted (so that a mistake is a 400 and not a
 * failed execution), stored by the batch runtime as canonical strings, and read back from those
 * strings by the job's steps.
 */
public final class JobParameters {
  static final int MAX_FEEDS = 10_000;
  static final int MAX_LIMIT = 1_000_000;
  static final int MAX_PODS = 64;

  /**
   * What a user sets for each job, in the order a form shows them. The backlog's tuning knobs
   * ({@code chunk_size}, {@code poll_seconds}) are accepted too but not offered.
   */
  public static final Map<String, List<String>> USER_PARAMETERS =
      Map.of(
          "transcribe-backlog",
          List.of(
              "feeds",
              "published_after",
              "published_before",
              "states",
              "limit",
              "model",
              "max_pods",
              "transcripts_first",
              "priority",
              "max_wait_hours"),
          "refresh-feeds",
          List.of("feeds", "parallelism"));

  private static final Set<String> BACKLOG_NAMES =
      union(USER_PARAMETERS.get("transcribe-backlog"), List.of("chunk_size", "poll_seconds"));
  private static final Set<String> REFRESH_NAMES = Set.copyOf(USER_PARAMETERS.get("refresh-feeds"));

  private static Set<String> union(List<String> a, List<String> b) {
    Set<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }

  private JobParameters() {}

  /** What the database knows, for the checks that syntax alone cannot make. */
  public interface Checks {
    /** The ids of the models pods may run. */
    Set<String> models();

    /** Those of the ids that name no feed. */
    List<Long> missingFeeds(List<Long> feedIds);
  }

  /**
   * Checks a submission and turns it into the properties the job runs with.
   *
   * @throws BadParameterException naming the unknown job or the wrong parameter
   */
  public static Properties validate(String jobName, Map<String, ?> raw, Checks checks) {
    BatchJob job =
        BatchJob.byName(jobName == null ? "" : jobName.trim())
            .orElseThrow(
                () ->
                    new BadParameterException(
                        jobName == null || jobName.isBlank()
                            ? "Field 'job_name' is required; known jobs: " + BatchJob.names()
                            : "Unknown job '" + jobName + "'; known jobs: " + BatchJob.names()));
    return switch (job) {
      case TRANSCRIBE_BACKLOG -> {
        BacklogParameters p = backlog(raw);
        List<Long> missing = p.feeds().isEmpty() ? List.of() : checks.missingFeeds(p.feeds());
        if (!missing.isEmpty()) {
          throw new BadParameterException("Parameter 'feeds': no feed with id " + missing);
        }
        if (p.model() != null && !checks.models().contains(p.model())) {
          throw new BadParameterException(
              "Parameter 'model': unknown model '"
                  + p.model()
                  + "'; known: "
                  + String.join(", ", new TreeSet<>(checks.models())));
        }
        yield properties(p);
      }
      case REFRESH_FEEDS -> {
        RefreshParameters p = refresh(raw);
        List<Long> missing = p.feeds().isEmpty() ? List.of() : checks.missingFeeds(p.feeds());
        if (!missing.isEmpty()) {
          throw new BadParameterException("Parameter 'feeds': no feed with id " + missing);
        }
        yield properties(p);
      }
    };
  }

  /** Reads transcribe-backlog parameters, from JSON values or stored strings. */
  public static BacklogParameters backlog(Map<String, ?> raw) {
    ParameterReader r = new ParameterReader("transcribe-backlog", raw, BACKLOG_NAMES);
    List<Long> feeds = r.ids("feeds", MAX_FEEDS);
    var after = r.time("published_after");
    var before = r.time("published_before");
    if (after != null && before != null && !after.isBefore(before)) {
      throw new BadParameterException(
          "Parameter 'published_after' ("
              + after
              + ") must be before 'published_before' ("
              + before
              + ")");
    }
    Set<EpisodeStatus> states = EnumSet.noneOf(EpisodeStatus.class);
    for (String word : r.words("states")) {
      EpisodeStatus s;
      try {
        s = EpisodeStatus.parse(word);
      } catch (IllegalArgumentException e) {
        s = null;
      }
      if (s == null || !BacklogParameters.SELECTABLE_STATES.contains(s)) {
        throw new BadParameterException(
            "Parameter 'states': '"
                + word
                + "' cannot be selected; choose from "
                + wires(BacklogParameters.SELECTABLE_STATES));
      }
      states.add(s);
    }
    return new BacklogParameters(
        feeds,
        after,
        before,
        states.isEmpty() ? BacklogParameters.DEFAULT_STATES : states,
        r.integer("limit", 1, MAX_LIMIT),
        r.text("model", 200),
        r.integer("max_pods", 0, MAX_PODS),
        r.flag("transcripts_first", true),
        r.integer("priority", 0, 1000, 10),
        r.integer("chunk_size", 1, 5000, 500),
        r.integer("poll_seconds", 1, 3600, 15),
        r.integer("max_wait_hours", 1, 720, 72));
  }

  public static BacklogParameters backlog(Properties p) {
    return backlog(asMap(p));
  }

  public static RefreshParameters refresh(Map<String, ?> raw) {
    ParameterReader r = new ParameterReader("refresh-feeds", raw, REFRESH_NAMES);
    return new RefreshParameters(r.ids("feeds", MAX_FEEDS), r.integer("parallelism", 1, 16, 4));
  }

  public static RefreshParameters refresh(Properties p) {
    return refresh(asMap(p));
  }

  /** The canonical strings; reading them back gives the same parameters. */
  public static Properties properties(BacklogParameters p) {
    Properties out = new Properties();
    if (!p.feeds().isEmpty()) {
      out.setProperty("feeds", joined(p.feeds()));
    }
    if (p.publishedAfter() != null) {
      out.setProperty("published_after", p.publishedAfter().toString());
    }
    if (p.publishedBefore() != null) {
      out.setProperty("published_before", p.publishedBefore().toString());
    }
    out.setProperty("states", wires(p.states()));
    if (p.limit() != null) {
      out.setProperty("limit", String.valueOf(p.limit()));
    }
    if (p.model() != null) {
      out.setProperty("model", p.model());
    }
    if (p.maxPods() != null) {
      out.setProperty("max_pods", String.valueOf(p.maxPods()));
    }
    out.setProperty("transcripts_first", String.valueOf(p.transcriptsFirst()));
    out.setProperty("priority", String.valueOf(p.priority()));
    out.setProperty("chunk_size", String.valueOf(p.chunkSize()));
    out.setProperty("poll_seconds", String.valueOf(p.pollSeconds()));
    out.setProperty("max_wait_hours", String.valueOf(p.maxWaitHours()));
    return out;
  }

  public static Properties properties(RefreshParameters p) {
    Properties out = new Properties();
    if (!p.feeds().isEmpty()) {
      out.setProperty("feeds", joined(p.feeds()));
    }
    out.setProperty("parallelism", String.valueOf(p.parallelism()));
    return out;
  }

  private static String joined(List<Long> ids) {
    return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
  }

  private static String wires(Set<EpisodeStatus> states) {
    return states.stream().sorted().map(EpisodeStatus::wire).collect(Collectors.joining(","));
  }

  private static Map<String, String> asMap(Properties p) {
    return p == null
        ? Map.of()
        : p.stringPropertyNames().stream().collect(Collectors.toMap(k -> k, p::getProperty));
  }
}
