package dev.cast2md.transcripts.control;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns caption and HTML markup into plain text: tags removed, entities decoded, whitespace
 * collapsed. Everything we store is plain text, so escaping happens once, where it is written out.
 */
public final class CaptionText {
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#\\d{1,7}|#[xX][0-9a-fA-F]{1,6}|\\w+);");
  private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?\\s+([^>]+)>");
  private static final Map<String, String> NAMED =
      Map.ofEntries(
          Map.entry("amp", "&"),
          Map.entry("lt", "<"),
          Map.entry("gt", ">"),
          Map.entry("quot", "\""),
          Map.entry("apos", "'"),
          Map.entry("nbsp", " "),
          Map.entry("lrm", ""),
          Map.entry("rlm", ""),
          Map.entry("hellip", "…"),
          Map.entry("mdash", "—"),
          Map.entry("ndash", "–"),
          Map.entry("rsquo", "’"),
          Map.entry("lsquo", "‘"),
          Map.entry("rdquo", "”"),
          Map.entry("ldquo", "“"));

  private CaptionText() {}

  /** The speaker of a WebVTT voice span ({@code <v Name>}), or null. */
  public static String voice(String text) {
    Matcher m = VOICE.matcher(text);
    return m.find() ? m.group(1).trim() : null;
  }

  public static String plain(String markup) {
    return collapse(unescape(TAG.matcher(markup).replaceAll("")));
  }

  public static String collapse(String text) {
    return text.replaceAll("\\s+", " ").trim();
  }

  public static String unescape(String text) {
    Matcher m = ENTITY.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(decode(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** Escapes the characters that would otherwise become markup in HTML, Markdown or WebVTT. */
  public static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String decode(String name, String whole) {
    try {
      if (name.startsWith("#x") || name.startsWith("#X")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(2), 16)));
      }
      if (name.startsWith("#")) {
        return new String(Character.toChars(Integer.parseInt(name.substring(1))));
      }
    } catch (IllegalArgumentException e) {
      return whole; // an invalid code point stays as written rather than failing the transcript
    }
    return NAMED.getOrDefault(name, whole);
  }
}
