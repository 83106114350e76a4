package dev.cast2md.batch.boundary;

import java.util.Map;

/** {@code {"job_name": "transcribe-backlog", "parameters": {...}}}. */
public record StartJobRequest(String jobName, Map<String, Object> parameters) {}
