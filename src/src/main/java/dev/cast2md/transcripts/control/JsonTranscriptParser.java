package dev.cast2md.transcripts.control;

import dev.cast2md.transcripts.entity.Cue;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Podcasting 2.0 JSON transcripts: {@code {"segments":[…]}} or a bare array, with the field names
 * the spec and its early adopters use ({@code startTime|start|startMs}, {@code body|text|content}).
 */
public final class JsonTranscriptParser {
  private JsonTranscriptParser() {}

  public static List<Cue> parse(String body) {
    JsonStructure root;
    try (JsonReader reader = Json.createReader(new StringReader(body.replace("\uFEFF", "")))) {
      root = reader.read();
    }
    JsonArray segments =
        root instanceof JsonArray array ? array : ((JsonObject) root).getJsonArray("segments");
    List<Cue> cues = new ArrayList<>();
    if (segments == null) {
      return cues;
    }
    for (JsonValue value : segments) {
      if (!(value instanceof JsonObject o)) {
        continue;
      }
      Double start = seconds(o, "startTime", "start", "startMs");
      String text = string(o, "body", "text", "content");
      if (start == null || text == null || CaptionText.plain(text).isEmpty()) {
        continue;
      }
      Double end = seconds(o, "endTime", "end", "endMs");
      cues.add(
          new Cue(
              start,
              end == null ? start : Math.max(start, end),
              string(o, "speaker"),
              CaptionText.plain(text)));
    }
    return cues;
  }

  private static Double seconds(JsonObject o, String seconds, String shortName, String millis) {
    Double s = number(o, seconds);
    if (s == null) {
      s = number(o, shortName);
    }
    if (s == null) {
      Double ms = number(o, millis);
      s = ms == null ? null : ms / 1000;
    }
    return s;
  }

  private static Double number(JsonObject o, String name) {
    JsonValue v = o.get(name);
    if (v instanceof JsonNumber n) {
      return n.doubleValue();
    }
    if (v instanceof JsonString s) {
      try {
        return Timecodes.parse(s.getString());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static String string(JsonObject o, String... names) {
    for (String name : names) {
      if (o.get(name) instanceof JsonString s && !s.getString().isBlank()) {
        return s.getString().trim();
      }
    }
    return null;
  }
}
