package dev.cast2md.feeds.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a file starts like audio: ID3/MPEG, MP4 ({@code ftyp}), Ogg, WAVE, FLAC. */
final class AudioMagic {
  private AudioMagic() {}

  static boolean looksLikeAudio(Path file) throws IOException {
    byte[] head = new byte[12];
    int n;
    try (InputStream in = Files.newInputStream(file)) {
      n = in.readNBytes(head, 0, head.length);
    }
    return n >= 12 && looksLikeAudio(head);
  }

  static boolean looksLikeAudio(byte[] h) {
    return starts(h, 0, "ID3")
        || ((h[0] & 0xFF) == 0xFF && (h[1] & 0xE0) == 0xE0) // MPEG frame sync
        || starts(h, 4, "ftyp")
        || starts(h, 0, "OggS")
        || (starts(h, 0, "RIFF") && starts(h, 8, "WAVE"))
        || starts(h, 0, "fLaC");
  }

  private static boolean starts(byte[] h, int offset, String ascii) {
    for (int i = 0; i < ascii.length(); i++) {
      if (h[offset + i] != (byte) ascii.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
