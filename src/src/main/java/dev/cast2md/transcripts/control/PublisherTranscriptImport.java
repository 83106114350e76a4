package dev.cast2md.transcripts.control;

import dev.cast2md.feeds.control.FeedFetchException;
import dev.cast2md.feeds.control.FeedFetcher;
import dev.cast2md.feeds.entity.EpisodeStatus;
import dev.cast2md.platform.control.Database;
import dev.cast2md.platform.control.Sql;
import dev.cast2md.protocol.Paragraphs;
import dev.cast2md.protocol.Segment;
import dev.cast2md.transcripts.entity.Cue;
import dev.cast2md.transcripts.entity.Transcript;
import dev.cast2md.transcripts.entity.TranscriptFormat;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Transcript first: an episode whose feed names a {@code <podcast:transcript>} gets that
 * transcript, converted to our Markdown and stored with its source ({@code podcast2.0:<format>}),
 * so that it needs no GPU. When the publisher's file cannot be had, the episode waits a day and
 * asks again while it is young (publishers often add transcripts late), else it needs audio.
 */
public class PublisherTranscriptImport {
  /** Younger episodes are asked again later; older ones go to transcription. */
  static final Duration RETRY_WINDOW = Duration.ofDays(14);

  static final Duration RETRY_AFTER = Duration.ofDays(1);
  private static final Pattern CHARSET = Pattern.compile("(?i)charset=\"?([\\w.:-]+)");

  private static final Logger LOG = Logger.getLogger(PublisherTranscriptImport.class.getName());

  private final Database db;
  private final FeedFetcher fetcher;
  private final Clock clock;
  private final Path transcriptsDir;

  public PublisherTranscriptImport(Database db, FeedFetcher fetcher, Clock clock) {
    this(db, fetcher, clock, null);
  }

  /**
   * @param transcriptsDir where Markdown files are written as well, or null for none
   */
  public PublisherTranscriptImport(
      Database db, FeedFetcher fetcher, Clock clock, Path transcriptsDir) {
    this.db = db;
    this.fetcher = fetcher;
    this.clock = clock;
    this.transcriptsDir = transcriptsDir;
  }

  /** What happened to the episode. */
  public enum Outcome {
    STORED,
    RETRY_LATER,
    NEEDS_AUDIO,
    NO_TRANSCRIPT_URL
  }

  private record Candidate(
      long id, String title, String url, String type, Instant publishedAt, String feedTitle) {}

  public Outcome run(long episodeId) {
    Optional<Candidate> found =
        db.inTransaction(
            c ->
                Sql.queryOne(
                    c,
                    "SELECT e.id, e.title, e.transcript_url, e.transcript_type, e.published_at,"
                        + " COALESCE(f.custom_title, f.title) AS feed_title"
                        + " FROM episode e LEFT JOIN feed f ON f.id = e.feed_id WHERE e.id = ?",
                    rs ->
                        new Candidate(
                            rs.getLong("id"),
                            rs.getString("title"),
                            rs.getString("transcript_url"),
                            rs.getString("transcript_type"),
                            Sql.instant(rs, "published_at"),
                            rs.getString("feed_title")),
                    episodeId));
    if (found.isEmpty() || found.get().url() == null) {
      return Outcome.NO_TRANSCRIPT_URL;
    }
    Candidate e = found.get();
    try {
      FeedFetcher.Result result = fetcher.fetch(e.url(), dev.cast2md.feeds.control.Validators.NONE);
      if (!(result instanceof FeedFetcher.Fetched fetched) || fetched.body().length == 0) {
        return unavailable(e, "empty_response");
      }
      TranscriptFormat format =
          TranscriptFormat.fromMimeType(e.type())
              .or(() -> TranscriptFormat.fromMimeType(fetched.contentType()))
              .or(() -> TranscriptFormat.fromUrl(e.url()))
              .orElse(TranscriptFormat.TEXT);
      String body = new String(fetched.body(), charset(fetched.contentType()));
      List<Cue> phrases = Paragraphs.group(PublisherTranscripts.cues(format, body), Cue::new);
      String markdown = PublisherTranscripts.toMarkdown(format, body, e.title());
      Instant now = clock.instant();
      db.inTransaction(
          c -> {
            TranscriptRepository.save(
                c,
                new Transcript(
                    e.id(),
                    markdown,
                    phrases.isEmpty() ? null : segmentsJson(phrases),
                    null,
                    "podcast2.0:" + format.extension(),
                    null,
                    now,
                    now),
                now);
            return null;
          });
      writeFile(e, markdown);
      return Outcome.STORED;
    } catch (FeedFetchException ex) {
      String reason =
          switch (ex.httpStatus()) {
            case 404, 410 -> "not_found";
            case 403, 401 -> "forbidden";
            default -> "request_error";
          };
      return unavailable(e, reason);
    }
  }

  /** The database holds the transcript; the file is a copy, so failing to write it is no error. */
  private void writeFile(Candidate e, String markdown) {
    if (transcriptsDir == null) {
      return;
    }
    try {
      TranscriptFiles.write(
          transcriptsDir,
          TranscriptFiles.relativePath(e.feedTitle(), e.publishedAt(), e.title(), e.id()),
          markdown);
    } catch (IOException ex) {
      LOG.log(Level.WARNING, "episode=" + e.id() + " transcript file not written", ex);
    }
  }

  private Outcome unavailable(Candidate e, String reason) {
    Instant now = clock.instant();
    // an episode without a date counts as old: nothing says a transcript is still coming
    boolean young = e.publishedAt() != null && e.publishedAt().isAfter(now.minus(RETRY_WINDOW));
    EpisodeStatus status = young ? EpisodeStatus.AWAITING_TRANSCRIPT : EpisodeStatus.NEEDS_AUDIO;
    db.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE episode SET status = ?, transcript_failure_reason = ?,"
                    + " transcript_checked_at = ?, next_transcript_retry_at = ?, updated_at = ?"
                    + " WHERE id = ?",
                status,
                reason,
                now,
                young ? now.plus(RETRY_AFTER) : null,
                now,
                e.id()));
    return young ? Outcome.RETRY_LATER : Outcome.NEEDS_AUDIO;
  }

  /** The phrases as the worker stores its segments: {@code [{"start","end","text"}]}. */
  static String segmentsJson(List<Cue> phrases) {
    JsonArrayBuilder array = Json.createArrayBuilder();
    for (Cue p : phrases) {
      Segment s = p.toSegment();
      array.add(
          Json.createObjectBuilder()
              .add("start", s.start())
              .add("end", s.end())
              .add("text", s.text()));
    }
    return array.build().toString();
  }

  /** The served charset, else UTF-8 (what caption files nearly always are). */
  private static Charset charset(String contentType) {
    if (contentType != null) {
      Matcher m = CHARSET.matcher(contentType);
      if (m.find()) {
        try {
          return Charset.forName(m.group(1));
        } catch (IllegalArgumentException ex) {
          return StandardCharsets.UTF_8;
        }
      }
    }
    return StandardCharsets.UTF_8;
  }
}
