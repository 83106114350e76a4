package dev.cast2md.queue.entity;

public enum JobStatus {
  QUEUED,
  RUNNING,
  COMPLETED,
  FAILED,
  CANCELLED;

  public String wire() {
    return name().toLowerCase();
  }

  public static JobStatus parse(String value) {
    return valueOf(value.trim().toUpperCase());
  }
}
