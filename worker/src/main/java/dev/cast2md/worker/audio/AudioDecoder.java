package dev.cast2md.worker.audio;

import dev.cast2md.worker.subprocess.Subprocess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Decodes any audio ffmpeg understands (MP3, AAC/M4A, Opus…) to 16 kHz mono float. */
public final class AudioDecoder {
  private final String ffmpeg;
  private final Duration timeout;

  public AudioDecoder(String ffmpeg, Duration timeout) {
    this.ffmpeg = ffmpeg;
    this.timeout = timeout;
  }

  public static AudioDecoder withDefaults() {
    // ffmpeg decodes an hour in ~5 s on two cores; 15 minutes covers a six-hour episode on a slow
    // pod with room to spare while still catching a hung process.
    return new AudioDecoder("ffmpeg", Duration.ofMinutes(15));
  }

  public DecodedAudio decode(Path input, Path pcmOut) throws IOException, InterruptedException {
    Files.createDirectories(pcmOut.toAbsolutePath().getParent());
    Subprocess.Result result =
        Subprocess.run(
            List.of(
                ffmpeg,
                "-nostdin",
                "-hide_banner",
                "-loglevel",
                "error",
                "-y",
                "-i",
                input.toAbsolutePath().toString(),
                "-vn",
                "-ac",
                "1",
                "-ar",
                String.valueOf(DecodedAudio.SAMPLE_RATE),
                "-f",
                "f32le",
                pcmOut.toAbsolutePath().toString()),
            pcmOut.toAbsolutePath().getParent(),
            timeout);
    Files.deleteIfExists(result.stdout());
    // ffmpeg reports a failed write ("Error writing trailer ...: No space left on device") and may
    // still exit 0, leaving a truncated file: that is a full disk, not short or undecodable audio.
    if (isDiskFull(result.stderrTail())) {
      Files.deleteIfExists(pcmOut);
      throw new IOException("ffmpeg could not write its output: " + result.stderrTail());
    }
    if (result.exitCode() != 0) {
      Files.deleteIfExists(pcmOut);
      throw new UndecodableAudioException(
          "ffmpeg could not decode the audio (exit "
              + result.exitCode()
              + "): "
              + result.stderrTail());
    }
    long samples = Files.size(pcmOut) / 4;
    if (samples == 0) {
      Files.deleteIfExists(pcmOut);
      throw new UndecodableAudioException("the audio holds no samples");
    }
    return new DecodedAudio(pcmOut, samples);
  }

  private static boolean isDiskFull(String stderr) {
    return stderr != null
        && (stderr.contains("No space left on device") || stderr.contains("Disk quota exceeded"));
  }
}
