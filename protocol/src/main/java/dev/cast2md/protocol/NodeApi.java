package dev.cast2md.protocol;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The node protocol from the worker's side. The server implements the same operations as JAX-RS
 * resources under {@link NodePaths}; the worker implements this over HTTP.
 */
public interface NodeApi {

  RegisterResponse register(RegisterRequest request, String enrolmentKey) throws IOException;

  HeartbeatResponse heartbeat(HeartbeatRequest request) throws IOException;

  ClaimResponse claim() throws IOException;

  /** Streams the job's audio into {@code target}, resuming a partial file. */
  void downloadAudio(long jobId, Path target) throws IOException;

  void progress(long jobId, int percent) throws IOException;

  void complete(long jobId, CompleteRequest result) throws IOException;

  void fail(long jobId, FailRequest failure) throws IOException;

  void release(long jobId) throws IOException;

  TerminationResponse requestTermination() throws IOException;
}
