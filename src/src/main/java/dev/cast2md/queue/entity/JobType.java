package dev.cast2md.queue.entity;

public enum JobType {
  TRANSCRIBE,
  DOWNLOAD,
  TRANSCRIPT_DOWNLOAD,
  EMBED;

  public String wire() {
    return name().toLowerCase();
  }

  public static JobType parse(String value) {
    return valueOf(value.trim().toUpperCase());
  }
}
