package dev.cast2md.batch.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.batch.entity.BacklogParameters;
import dev.cast2md.feeds.entity.EpisodeStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobParametersTest {
  static final JobParameters.Checks CHECKS =
      new JobParameters.Checks() {
        @Override
        public Set<String> models() {
          return Set.of("sphinx", "large-v3-turbo");
        }

        @Override
        public List<Long> missingFeeds(List<Long> feedIds) {
          return feedIds.stream().filter(id -> id > 100).toList();
        }
      };

  static String error(String job, Map<String, ?> params) {
    return assertThrows(
            BadParameterException.class, () -> JobParameters.validate(job, params, CHECKS))
        .getMessage();
  }

  @Test
  void jsonValuesBecomeCanonicalStringsThatReadBackTheSame() {
    Map<String, Object> json =
        Map.of(
            "feeds",
            List.of(new BigDecimal(3), new BigDecimal(7)),
            "published_after",
            "2024-02-01",
            "published_before",
            "2024-03-01T12:00:00Z",
            "states",
            List.of("new", "failed"),
            "limit",
            new BigDecimal(3000),
            "model",
            "sphinx",
            "max_pods",
            new BigDecimal(2),
            "transcripts_first",
            false,
            "poll_seconds",
            new BigDecimal(1));
    Properties props = JobParameters.validate("transcribe-backlog", json, CHECKS);
    assertEquals("3,7", props.getProperty("feeds"));
    assertEquals("new,failed", props.getProperty("states"), "in the order of the states");
    BacklogParameters p = JobParameters.backlog(props);
    assertEquals(List.of(3L, 7L), p.feeds());
    assertEquals(Instant.parse("2024-02-01T00:00:00Z"), p.publishedAfter());
    assertEquals(Instant.parse("2024-03-01T12:00:00Z"), p.publishedBefore());
    assertEquals(Set.of(EpisodeStatus.NEW, EpisodeStatus.FAILED), p.states());
    assertEquals(3000, p.limit());
    assertEquals("sphinx", p.model());
    assertEquals(2, p.maxPods());
    assertFalse(p.transcriptsFirst());
    assertEquals(1, p.pollSeconds());
    assertEquals(p, JobParameters.backlog(JobParameters.properties(p)));
  }

  @Test
  void defaultsSelectEpisodesWithoutTranscriptsPublisherFirst() {
    BacklogParameters p =
        JobParameters.backlog(JobParameters.validate("transcribe-backlog", null, CHECKS));
    assertTrue(p.feeds().isEmpty());
    assertEquals(BacklogParameters.DEFAULT_STATES, p.states());
    assertNull(p.limit());
    assertNull(p.maxPods(), "up to the configured maximum");
    assertTrue(p.transcriptsFirst());
    assertEquals(500, p.chunkSize());
  }

  @Test
  void unknownJobsAndBadParametersSayWhatIsWrong() {
    assertTrue(error("transcribe-everything", Map.of()).contains("known jobs: transcribe-backlog"));
    assertTrue(error(null, Map.of()).contains("'job_name' is required"));
    assertTrue(
        error("transcribe-backlog", Map.of("limt", "3")).contains("Unknown parameter 'limt'"));
    assertTrue(
        error("transcribe-backlog", Map.of("limit", "many")).contains("'limit'"),
        "names the parameter");
    assertTrue(
        error("transcribe-backlog", Map.of("limit", new BigDecimal("2.5"))).contains("whole"));
    assertTrue(error("transcribe-backlog", Map.of("limit", 0)).contains("from 1 to 1000000"));
    assertTrue(error("transcribe-backlog", Map.of("max_pods", 99)).contains("'max_pods'"));
    assertTrue(error("transcribe-backlog", Map.of("states", "completed")).contains("cannot be"));
    assertTrue(error("transcribe-backlog", Map.of("states", "sleeping")).contains("'sleeping'"));
    assertTrue(error("transcribe-backlog", Map.of("published_after", "May")).contains("date"));
    assertTrue(
        error(
                "transcribe-backlog",
                Map.of("published_after", "2024-05-01", "published_before", "2024-04-01"))
            .contains("before"));
    assertTrue(error("transcribe-backlog", Map.of("feeds", List.of(1, 101))).contains("101"));
    assertTrue(error("transcribe-backlog", Map.of("feeds", "x")).contains("'feeds'"));
    assertTrue(error("transcribe-backlog", Map.of("model", "gpt")).contains("unknown model 'gpt'"));
    assertTrue(error("transcribe-backlog", Map.of("transcripts_first", "yes")).contains("true"));
    assertTrue(error("refresh-feeds", Map.of("parallelism", 17)).contains("'parallelism'"));
    assertTrue(error("refresh-feeds", Map.of("limit", 1)).contains("Unknown parameter 'limit'"));
  }

  @Test
  void refreshFeedsParameters() {
    Properties props =
        JobParameters.validate("refresh-feeds", Map.of("feeds", "1, 2", "parallelism", 3), CHECKS);
    assertEquals(List.of(1L, 2L), JobParameters.refresh(props).feeds());
    assertEquals(3, JobParameters.refresh(props).parallelism());
    assertEquals(4, JobParameters.refresh(new Properties()).parallelism());
  }
}
