package dev.cast2md.worker.engine;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes float samples as a 16-bit PCM WAV file: what subprocess engines read. */
public final class WavWriter {
  private WavWriter() {}

  public static void write(float[] samples, int sampleRate, Path target) throws IOException {
    int dataBytes = samples.length * 2;
    ByteBuffer buffer = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put("RIFF".getBytes()).putInt(36 + dataBytes).put("WAVE".getBytes());
    buffer.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1);
    buffer.putInt(sampleRate).putInt(sampleRate * 2).putShort((short) 2).putShort((short) 16);
    buffer.put("data".getBytes()).putInt(dataBytes);
    for (float sample : samples) {
      float clipped = Math.max(-1f, Math.min(1f, sample));
      buffer.putShort((short) Math.round(clipped * 32767));
    }
    try (OutputStream out = Files.newOutputStream(target)) {
      out.write(buffer.array());
    }
  }
}
