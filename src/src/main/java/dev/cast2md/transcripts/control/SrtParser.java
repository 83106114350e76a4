package dev.cast2md.transcripts.control;

import dev.cast2md.transcripts.entity.Cue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SubRip blocks: an optional counter, the timing line, then text wrapped over lines. Publishers
 * mark speaker changes with a {@code Name:} prefix, which we keep in the text and also note as the
 * speaker so that a paragraph starts there.
 */
public final class SrtParser {
  private static final Pattern SPEAKER =
      Pattern.compile("^(\\p{Lu}[\\p{L}.'-]*(?: \\p{Lu}[\\p{L}.'-]*){0,3}):\\s");

  private SrtParser() {}

  public static List<Cue> parse(String body) {
    List<Cue> cues = new ArrayList<>();
    String speaker = null;
    for (String block : Blocks.split(body)) {
      String[] lines = block.strip().split("\n");
      int timing = Blocks.timingLine(lines, 2);
      if (timing < 0) {
        continue;
      }
      double[] times = Blocks.times(lines[timing]);
      if (times == null) {
        continue;
      }
      StringBuilder raw = new StringBuilder();
      for (int i = timing + 1; i < lines.length; i++) {
        raw.append(lines[i]).append('\n');
      }
      String text = CaptionText.plain(raw.toString());
      if (text.isEmpty()) {
        continue;
      }
      Matcher m = SPEAKER.matcher(text);
      if (m.find()) {
        speaker = m.group(1);
      }
      cues.add(new Cue(times[0], times[1], speaker, text));
    }
    return cues;
  }
}
