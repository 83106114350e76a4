package dev.cast2md.transcripts.control;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An HTML (or plain text) transcript as paragraphs of plain text: scripts and styles dropped, block
 * elements become paragraph breaks, all other markup removed.
 */
public final class HtmlText {
  private static final Pattern HIDDEN =
      Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1\\s*>|<!--.*?-->");
  private static final Pattern BLOCK =
      Pattern.compile(
          "(?i)</?(p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|blockquote)\\b[^>]*>");

  private HtmlText() {}

  public static List<String> paragraphs(String html) {
    String text = HIDDEN.matcher(html).replaceAll(" ");
    text = BLOCK.matcher(text).replaceAll("\n\n");
    return plainParagraphs(CaptionText.unescape(text.replaceAll("<[^>]*>", "")));
  }

  /** Paragraphs of a plain text, split on blank lines. */
  public static List<String> plainParagraphs(String text) {
    List<String> out = new ArrayList<>();
    for (String p : text.replace("\r\n", "\n").split("\n[ \t]*\n")) {
      String clean = CaptionText.collapse(p);
      if (!clean.isEmpty()) {
        out.add(clean);
      }
    }
    return out;
  }
}
