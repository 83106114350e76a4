package dev.cast2md.worker.engine.command;

import dev.cast2md.worker.engine.TimedText;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what external engines write: WebVTT, SRT, or JSON in the shapes faster-whisper/openai
 * whisper ({@code {"segments":[{"start","end","text"}]}} or a bare array of those) and whisper.cpp
 * ({@code {"transcription":[{"offsets":{"from","to"},"text"}]}}, milliseconds) produce. The format
 * is recognised from the content, so a template need not say which it writes.
 */
public final class TimedTextParser {
  private static final Pattern CUE =
      Pattern.compile(
          "((?:\\d+:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})\\s*-->\\s*((?:\\d+:)?\\d{1,2}:\\d{2}[.,]\\d{1,3})");

  private TimedTextParser() {}

  public static List<TimedText> parse(String content) {
    String text = content.strip();
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.startsWith("{") || text.startsWith("[")) {
      return parseJson(text);
    }
    return parseCues(text);
  }

  /** SRT and VTT: blocks separated by blank lines, a "from --> to" line, then the text lines. */
  static List<TimedText> parseCues(String text) {
    List<TimedText> items = new ArrayList<>();
    for (String block : text.split("\\R\\s*\\R")) {
      String[] lines = block.strip().split("\\R");
      for (int i = 0; i < lines.length; i++) {
        Matcher m = CUE.matcher(lines[i]);
        if (m.find()) {
          StringBuilder cueText = new StringBuilder();
          for (int j = i + 1; j < lines.length; j++) {
            cueText.append(cueText.length() == 0 ? "" : " ").append(lines[j].strip());
          }
          String clean = cueText.toString().replaceAll("<[^>]*>", "").strip();
          if (!clean.isEmpty()) {
            items.add(new TimedText(seconds(m.group(1)), seconds(m.group(2)), clean));
          }
          break;
        }
      }
    }
    return items;
  }

  static double seconds(String timestamp) {
    String[] parts = timestamp.replace(',', '.').split(":");
    double total = 0;
    for (String part : parts) {
      total = total * 60 + Double.parseDouble(part);
    }
    return total;
  }

  private static List<TimedText> parseJson(String text) {
    JsonStructure root;
    try (JsonReader reader = Json.createReader(new StringReader(text))) {
      root = reader.read();
    }
    JsonArray segments;
    boolean milliseconds = false;
    if (root instanceof JsonArray array) {
      segments = array;
    } else {
      JsonObject object = (JsonObject) root;
      if (object.containsKey("segments")) {
        segments = object.getJsonArray("segments");
      } else if (object.containsKey("transcription")) {
        segments = object.getJsonArray("transcription");
        milliseconds = true;
      } else {
        throw new IllegalArgumentException("JSON without 'segments' or 'transcription'");
      }
    }
    List<TimedText> items = new ArrayList<>();
    for (JsonValue value : segments) {
      JsonObject segment = value.asJsonObject();
      String segmentText = segment.getString("text", "").strip();
      if (segmentText.isEmpty()) {
        continue;
      }
      if (milliseconds) {
        JsonObject offsets = segment.getJsonObject("offsets");
        items.add(
            new TimedText(
                number(offsets, "from") / 1000, number(offsets, "to") / 1000, segmentText));
      } else {
        items.add(new TimedText(number(segment, "start"), number(segment, "end"), segmentText));
      }
    }
    return items;
  }

  private static double number(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value instanceof JsonNumber number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException("segment without numeric '" + key + "'");
  }
}
