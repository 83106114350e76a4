package dev.cast2md.worker.node;

import dev.cast2md.protocol.HealthCheck;
import dev.cast2md.protocol.HealthReport;
import dev.cast2md.worker.engine.Transcriber;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The worker's health, built in this one place for the health endpoints and for every heartbeat
 * (the server judges pods by it). DOWN when the engine failed to load or validate, the circuit
 * breaker tripped, the work disk is full, or one of the worker's threads died. Liveness holds what
 * only a restart mends; readiness adds what keeps the node from taking work now (loading, stopping,
 * disk full).
 */
public final class NodeHealth {
  /** Below this much free space in the work directory no episode's audio fits any more. */
  static final long MIN_FREE_BYTES = 64L * 1024 * 1024;

  private volatile EngineState engine;
  private volatile Supplier<WorkerStatus> worker;

  public NodeHealth(EngineState engine) {
    this.engine = engine;
  }

  /** For a worker whose engine was loaded before its health was asked for. */
  public static NodeHealth loaded(Transcriber transcriber) {
    return new NodeHealth(EngineState.ready(transcriber));
  }

  public EngineState engine() {
    return engine;
  }

  public void engine(EngineState state) {
    this.engine = state;
  }

  /** The running worker, once there is one; until then the worker check says it is starting. */
  void attach(Supplier<WorkerStatus> status) {
    this.worker = status;
  }

  public Optional<WorkerStatus> status() {
    Supplier<WorkerStatus> source = worker;
    return source == null ? Optional.empty() : Optional.of(source.get());
  }

  /** Every check: what {@code /health} answers and what a heartbeat carries. */
  public HealthReport report() {
    EngineState e = engine;
    Optional<WorkerStatus> s = status();
    return HealthReport.of(List.of(engine(e, true), worker(s), disk(s), breaker(s), threads(s)));
  }

  public HealthReport liveness() {
    Optional<WorkerStatus> s = status();
    return HealthReport.of(List.of(engine(engine, false), breaker(s), threads(s)));
  }

  public HealthReport readiness() {
    Optional<WorkerStatus> s = status();
    return HealthReport.of(List.of(engine(engine, true), worker(s), disk(s)));
  }

  /** Ready only once loaded and validated; alive unless loading or validation failed. */
  private static HealthCheck engine(EngineState e, boolean readiness) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("state", e.phase().name().toLowerCase(java.util.Locale.ROOT));
    data.put("engine", e.engine());
    data.put("model", e.model());
    data.put("device", e.device());
    if (e.error() != null) {
      data.put("error", e.error());
    }
    boolean up =
        readiness ? e.phase() == EngineState.Phase.READY : e.phase() != EngineState.Phase.FAILED;
    return HealthCheck.of("engine", up, data);
  }

  private static HealthCheck worker(Optional<WorkerStatus> status) {
    if (status.isEmpty()) {
      return HealthCheck.of("worker", false, Map.of("state", "starting"));
    }
    WorkerStatus s = status.get();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("state", s.ready() ? "running" : "stopping");
    data.put("name", s.name());
    data.put("current_job_id", s.currentJobId());
    data.put("transcribing", s.transcribingJobIds());
    data.put("prefetched", s.prefetchedJobIds());
    data.put("spooled", s.spooledJobIds());
    return HealthCheck.of("worker", s.running() && s.ready(), data);
  }

  private static HealthCheck disk(Optional<WorkerStatus> status) {
    if (status.isEmpty()) {
      return HealthCheck.of("disk", true, null);
    }
    WorkerStatus s = status.get();
    Long free = freeBytes(s.workDir());
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("work_dir", s.workDir().toString());
    data.put("free_mb", free == null ? null : free / (1024 * 1024));
    data.put("disk_full_failures", s.diskFullFailures());
    data.put("unspooled_transcripts", s.unspooledTranscripts());
    boolean full =
        s.diskFullFailures() > 0
            || s.unspooledTranscripts() > 0
            || (free != null && free < MIN_FREE_BYTES);
    return HealthCheck.of("disk", !full, data);
  }

  private static HealthCheck breaker(Optional<WorkerStatus> status) {
    if (status.isEmpty()) {
      return HealthCheck.of("circuit-breaker", true, null);
    }
    WorkerStatus s = status.get();
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("consecutive_failures", s.consecutiveFailures());
    data.put("max_consecutive_failures", s.maxConsecutiveFailures());
    return HealthCheck.of("circuit-breaker", !s.breakerTripped(), data);
  }

  private static HealthCheck threads(Optional<WorkerStatus> status) {
    List<String> dead = status.map(WorkerStatus::deadThreads).orElse(List.of());
    return HealthCheck.of("threads", dead.isEmpty(), dead.isEmpty() ? null : Map.of("dead", dead));
  }

  /** Usable space where the work directory is (or will be); null when it cannot be told. */
  static Long freeBytes(Path dir) {
    Path existing = dir == null ? null : dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return null;
    }
    try {
      return Files.getFileStore(existing).getUsableSpace();
    } catch (IOException | SecurityException e) {
      return null;
    }
  }
}
