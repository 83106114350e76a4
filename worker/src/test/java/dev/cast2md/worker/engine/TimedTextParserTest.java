package dev.cast2md.worker.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cast2md.worker.engine.command.TimedTextParser;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimedTextParserTest {

  @Test
  void readsSrt() {
    List<TimedText> items =
        TimedTextParser.parse(
            "1\n00:00:01,500 --> 00:00:03,000\nHello there.\n\n"
                + "2\n01:00:04,000 --> 01:00:05,250\nSecond line\nwraps.\n");
    assertEquals(
        List.of(
            new TimedText(1.5, 3.0, "Hello there."),
            new TimedText(3604.0, 3605.25, "Second line wraps.")),
        items);
  }

  @Test
  void readsVttWithHeaderAndTags() {
    List<TimedText> items =
        TimedTextParser.parse(
            "WEBVTT\n\nNOTE a comment\n\n00:01.000 --> 00:02.500\n<v Bob>Hi</v> all\n");
    assertEquals(List.of(new TimedText(1.0, 2.5, "Hi all")), items);
  }

  @Test
  void readsWhisperJsonSegments() {
    List<TimedText> items =
        TimedTextParser.parse(
            "{\"text\":\"x\",\"segments\":[{\"id\":0,\"start\":0.0,\"end\":2.2,\"text\":\" Hi.\"}]}");
    assertEquals(List.of(new TimedText(0.0, 2.2, "Hi.")), items);
  }

  @Test
  void readsWhisperCppJsonInMilliseconds() {
    List<TimedText> items =
        TimedTextParser.parse(
            "{\"transcription\":[{\"offsets\":{\"from\":1200,\"to\":3400},\"text\":\" ok\"}]}");
    assertEquals(List.of(new TimedText(1.2, 3.4, "ok")), items);
  }

  @Test
  void readsABareArray() {
    assertEquals(
        List.of(new TimedText(5, 6, "x")),
        TimedTextParser.parse("[{\"start\":5,\"end\":6,\"text\":\"x\"}]"));
  }
}
