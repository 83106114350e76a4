package dev.cast2md.worker.audio;

import dev.cast2md.worker.engine.AudioChunk;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An episode decoded to 16 kHz mono 32-bit float samples, kept in a file rather than in memory:
 * three prefetched six-hour episodes would not fit in a heap, a few chunks at a time do.
 */
public record DecodedAudio(Path pcmFile, long sampleCount) {
  public static final int SAMPLE_RATE = AudioChunk.SAMPLE_RATE;

  public double durationSeconds() {
    return sampleCount / (double) SAMPLE_RATE;
  }

  /** Samples [from, to) as floats. */
  public float[] read(long from, long to) throws IOException {
    long end = Math.min(to, sampleCount);
    int count = (int) Math.max(0, end - from);
    float[] samples = new float[count];
    try (FileChannel channel = FileChannel.open(pcmFile, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(count * 4).order(ByteOrder.LITTLE_ENDIAN);
      long position = from * 4;
      while (buffer.hasRemaining()) {
        int read = channel.read(buffer, position);
        if (read < 0) {
          break;
        }
        position += read;
      }
      buffer.flip();
      buffer.asFloatBuffer().get(samples, 0, Math.min(count, buffer.remaining() / 4));
    }
    return samples;
  }

  /**
   * Root-mean-square energy per frame of {@code frameSamples}, read in blocks so that a long
   * episode costs a few megabytes, not gigabytes.
   */
  public float[] frameEnergies(int frameSamples) throws IOException {
    int frames = (int) (sampleCount / frameSamples);
    float[] energies = new float[frames];
    int framesPerBlock = 4096;
    for (int first = 0; first < frames; first += framesPerBlock) {
      int last = Math.min(frames, first + framesPerBlock);
      float[] block = read((long) first * frameSamples, (long) last * frameSamples);
      for (int f = first; f < last; f++) {
        double sum = 0;
        int base = (f - first) * frameSamples;
        for (int i = 0; i < frameSamples && base + i < block.length; i++) {
          float s = block[base + i];
          sum += s * s;
        }
        energies[f] = (float) Math.sqrt(sum / frameSamples);
      }
    }
    return energies;
  }
}
