package dev.cast2md.batch.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;

/**
 * How long a transcribed episode is when its feed did not say: where the last segment of its
 * transcript ends. Streamed, so that a long transcript is not built into a tree for one number.
 */
final class AudioLength {
  private AudioLength() {}

  static double ofSegments(String segmentsJson) {
    if (segmentsJson == null || segmentsJson.isBlank()) {
      return 0;
    }
    double end = 0;
    try (JsonParser parser = Json.createParser(new StringReader(segmentsJson))) {
      boolean endKey = false;
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.KEY_NAME) {
          endKey = parser.getString().equals("end");
        } else {
          if (endKey && event == JsonParser.Event.VALUE_NUMBER) {
            end = Math.max(end, parser.getBigDecimal().doubleValue());
          }
          endKey = false;
        }
      }
    } catch (JsonException e) {
      return end; // a damaged transcript costs its audio hours in the report, nothing more
    }
    return end;
  }
}
