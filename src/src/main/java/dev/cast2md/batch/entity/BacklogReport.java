package dev.cast2md.batch.entity;

import java.util.List;
import java.util.Map;

/**
 * The final word on a backlog run, stored when it ends. Wall time runs from the first start to the
 * end (pauses between a stop and a restart included); active time counts only while an execution
 * ran. Pod hours and cost are those of every pod that ran while an execution did, for the time it
 * overlapped (pods shared with other work are counted in full for that time).
 */
public record BacklogReport(
    long selected,
    long transcribed,
    long fromPublisher,
    long failed,
    long unfinished,
    double audioHours,
    long wallSeconds,
    long activeSeconds,
    double podHours,
    double cost,
    Double costPerAudioHour,
    boolean unpricedPods,
    Map<String, Long> failureReasons,
    List<FailedEpisode> failures,
    String finishedAt) {}
