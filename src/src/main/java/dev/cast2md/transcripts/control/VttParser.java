package dev.cast2md.transcripts.control;

import dev.cast2md.transcripts.entity.Cue;
import java.util.ArrayList;
import java.util.List;

/**
 * WebVTT cues. The header, NOTE, STYLE and REGION blocks are skipped because only blocks with a
 * {@code -->} timing line are cues; an identifier line before the timing is ignored. A cue whose
 * timing cannot be read is dropped, not the whole transcript.
 */
public final class VttParser {
  private VttParser() {}

  public static List<Cue> parse(String body) {
    List<Cue> cues = new ArrayList<>();
    for (String block : Blocks.split(body)) {
      String[] lines = block.split("\n");
      int timing = Blocks.timingLine(lines, lines.length);
      if (timing < 0) {
        continue;
      }
      double[] times = Blocks.times(lines[timing]);
      if (times == null) {
        continue;
      }
      StringBuilder raw = new StringBuilder();
      String speaker = null;
      for (int i = timing + 1; i < lines.length; i++) {
        if (speaker == null) {
          speaker = CaptionText.voice(lines[i]);
        }
        raw.append(lines[i]).append('\n');
      }
      String text = CaptionText.plain(raw.toString());
      if (!text.isEmpty()) {
        cues.add(new Cue(times[0], times[1], speaker, text));
      }
    }
    return cues;
  }
}
