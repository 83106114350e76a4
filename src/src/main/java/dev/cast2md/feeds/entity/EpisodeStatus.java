package dev.cast2md.feeds.entity;

public enum EpisodeStatus {
  NEW,
  AWAITING_TRANSCRIPT,
  NEEDS_AUDIO,
  DOWNLOADING,
  AUDIO_READY,
  TRANSCRIBING,
  COMPLETED,
  FAILED,
  /** The user chose not to transcribe it; nothing queues it again until asked. */
  SKIPPED;

  public String wire() {
    return name().toLowerCase();
  }

  public static EpisodeStatus parse(String value) {
    return valueOf(value.trim().toUpperCase());
  }
}
