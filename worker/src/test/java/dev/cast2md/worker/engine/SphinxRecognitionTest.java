package dev.cast2md.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.protocol.Segment;
import dev.cast2md.worker.audio.AudioDecoder;
import dev.cast2md.worker.audio.ChunkSpan;
import dev.cast2md.worker.audio.DecodedAudio;
import dev.cast2md.worker.audio.EpisodeTranscription;
import dev.cast2md.worker.audio.SilenceChunker;
import dev.cast2md.worker.audio.Transcript;
import dev.cast2md.worker.logging.EventLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real speech through decode → chunk → pocketsphinx → merge, as a worker does it. */
class SphinxRecognitionTest {
  @TempDir Path dir;

  private Transcript transcribe(Path audioFile, int maxChunkSeconds) throws Exception {
    DecodedAudio audio = AudioDecoder.withDefaults().decode(audioFile, dir.resolve("audio.f32"));
    List<ChunkSpan> plan = new SilenceChunker(maxChunkSeconds, 1.0).plan(audio);
    try (Transcriber sphinx =
        TranscriberFactory.create(
            new EngineSettings(
                "sphinx",
                null,
                null,
                Path.of("/usr/share/pocketsphinx/model/en-us"),
                2,
                maxChunkSeconds,
                0,
                dir.resolve("work")))) {
      sphinx.load();
      Transcript t = EpisodeTranscription.run(audio, plan, sphinx, percent -> {});
      EventLog.info(
          "recognised %.1f s in %d chunks: %s", audio.durationSeconds(), plan.size(), t.markdown());
      return t;
    }
  }

  private static String words(Transcript t) {
    return t.segments().stream().map(Segment::text).collect(Collectors.joining(" "));
  }

  @Test
  void synthesisedEnglishIsRecognisedAcrossChunkJoins() throws Exception {
    Path wav = SpeechFixtures.synthesize(SpeechFixtures.script(), dir.resolve("speech.wav"));
    // 20 s chunks cut a minute of speech at several joins: the merge is really exercised.
    Transcript t = transcribe(wav, 20);
    double duration =
        AudioDecoder.withDefaults().decode(wav, dir.resolve("again.f32")).durationSeconds();
    assertTrue(duration >= 60, "the fixture must be at least a minute long, was " + duration);
    double wer = WordErrorRate.of(SpeechFixtures.script(), words(t));
    EventLog.info("flite speech WER %.3f", wer);
    assertTrue(wer <= 0.15, "WER " + wer + ": " + words(t));
    List<Segment> segments = t.segments();
    assertTrue(segments.size() >= 3, "paragraphs expected, got " + segments.size());
    for (int i = 1; i < segments.size(); i++) {
      assertTrue(segments.get(i).start() > segments.get(i - 1).start(), "times must increase");
      assertTrue(segments.get(i).start() >= segments.get(i - 1).end() - 0.01);
    }
    assertTrue(segments.get(segments.size() - 1).end() <= duration + 0.5);
    assertTrue(
        segments.get(segments.size() - 1).end() >= duration - 3,
        "the times reach the end of the episode");
  }

  @Test
  void theJfkRecordingIsRecognisedRoughly() throws Exception {
    Path jfk = Path.of(System.getProperty("testdata.dir", "../../shared/testdata"), "jfk.wav");
    assertTrue(Files.exists(jfk), "missing " + jfk.toAbsolutePath());
    Transcript t = transcribe(jfk, 60);
    double wer =
        WordErrorRate.of(
            "And so my fellow Americans ask not what your country can do for you ask what you"
                + " can do for your country",
            words(t));
    EventLog.info("jfk WER %.3f", wer);
    assertTrue(wer <= 0.7, "WER " + wer + ": " + words(t));
    assertEquals("en", t.language());
  }
}
