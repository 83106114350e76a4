package dev.cast2md.queue.entity;

import java.util.List;

public record JobPage(List<Job> jobs, long total, int limit, int offset) {}
