package dev.cast2md.worker.engine.parakeet;

import dev.cast2md.worker.engine.EngineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SentencePiece pieces of {@code vocab.txt} ({@code piece id} per line; {@code <blk>} is the
 * blank). A piece starting with {@code ▁} (U+2581) starts a new word.
 */
public final class Vocabulary {
  static final char WORD_START = '\u2581';

  private final String[] pieces;
  private final int blank;

  Vocabulary(String[] pieces, int blank) {
    this.pieces = pieces;
    this.blank = blank;
  }

  public static Vocabulary read(Path file) throws EngineException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new EngineException("cannot read the vocabulary " + file + ": " + e.getMessage(), e);
    }
    String[] pieces = new String[lines.size()];
    int blank = -1;
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      // split at the last space: the id is the last field, a piece never ends with a space
      int space = line.lastIndexOf(' ');
      int id;
      try {
        id = Integer.parseInt(line.substring(space + 1).strip());
      } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
        throw new EngineException(file + " line " + (n + 1) + " is not 'piece id': " + line);
      }
      if (space <= 0 || id < 0 || id >= pieces.length) {
        throw new EngineException(file + " line " + (n + 1) + " is not 'piece id': " + line);
      }
      pieces[id] = line.substring(0, space);
      if ("<blk>".equals(pieces[id])) {
        blank = id;
      }
    }
    if (blank < 0) {
      throw new EngineException(file + " has no <blk> piece: not a TDT vocabulary");
    }
    return new Vocabulary(pieces, blank);
  }

  public int blank() {
    return blank;
  }

  public int size() {
    return pieces.length;
  }

  public String piece(int id) {
    String piece = id >= 0 && id < pieces.length ? pieces[id] : null;
    return piece == null ? "" : piece;
  }

  /** Control pieces ({@code <unk>}, {@code <|en|>}…) are never text. */
  boolean isControl(int id) {
    String piece = piece(id);
    return piece.length() > 2 && piece.startsWith("<") && piece.endsWith(">");
  }
}
