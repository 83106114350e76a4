package dev.cast2md.batch.entity;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The batch jobs this server runs; the name is the job XML's file name in batch-jobs/. */
public enum BatchJob {
  TRANSCRIBE_BACKLOG("transcribe-backlog"),
  REFRESH_FEEDS("refresh-feeds");

  private final String xmlName;

  BatchJob(String xmlName) {
    this.xmlName = xmlName;
  }

  public String xmlName() {
    return xmlName;
  }

  public static Optional<BatchJob> byName(String name) {
    return Arrays.stream(values()).filter(j -> j.xmlName.equals(name)).findFirst();
  }

  /** "transcribe-backlog, refresh-feeds", for error messages. */
  public static String names() {
    return Arrays.stream(values()).map(BatchJob::xmlName).collect(Collectors.joining(", "));
  }
}
