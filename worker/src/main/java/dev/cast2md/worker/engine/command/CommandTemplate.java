package dev.cast2md.worker.engine.command;

import java.util.ArrayList;
import java.util.List;

/**
 * A command line with {@code {input}}, {@code {output}} and {@code {model}} placeholders, split
 * into arguments like a shell would (single and double quotes group, no expansion), so that no
 * shell ever sees a file name.
 */
public final class CommandTemplate {
  private final List<String> arguments;

  public CommandTemplate(String template) {
    if (template == null || template.isBlank()) {
      throw new IllegalArgumentException(
          "the command engine needs a template (NODE_COMMAND), e.g. 'my-asr {input} {output}'");
    }
    if (!template.contains("{input}") || !template.contains("{output}")) {
      throw new IllegalArgumentException("the command template needs {input} and {output}");
    }
    this.arguments = split(template);
  }

  public List<String> expand(String input, String output, String model) {
    List<String> expanded = new ArrayList<>();
    for (String argument : arguments) {
      expanded.add(
          argument
              .replace("{input}", input)
              .replace("{output}", output)
              .replace("{model}", model == null ? "" : model));
    }
    return expanded;
  }

  public String program() {
    return arguments.get(0);
  }

  static List<String> split(String template) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    char quote = 0;
    boolean inArgument = false;
    for (char c : template.toCharArray()) {
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          current.append(c);
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        inArgument = true;
      } else if (Character.isWhitespace(c)) {
        if (inArgument) {
          parts.add(current.toString());
          current.setLength(0);
          inArgument = false;
        }
      } else {
        current.append(c);
        inArgument = true;
      }
    }
    if (quote != 0) {
      throw new IllegalArgumentException("unbalanced quote in the command template");
    }
    if (inArgument) {
      parts.add(current.toString());
    }
    return parts;
  }
}
