package dev.cast2md.worker.audio;

import java.io.IOException;

/**
 * The file is not audio ffmpeg can read, or holds no samples. Permanent: the same bytes will not
 * decode on another node, so the job is failed without retry.
 */
public class UndecodableAudioException extends IOException {
  public UndecodableAudioException(String message) {
    super(message);
  }
}
