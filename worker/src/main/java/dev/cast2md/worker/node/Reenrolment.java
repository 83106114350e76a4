package dev.cast2md.worker.node;

import java.io.IOException;

/**
 * Registers the node again when the server no longer knows it (deleted by an admin or a cleanup),
 * with the enrolment key or setup token the worker was started with, and saves the new credentials.
 */
public interface Reenrolment {
  /** No enrolment key and no setup token: a forgotten node can only stop. */
  Reenrolment NONE =
      new Reenrolment() {
        @Override
        public boolean available() {
          return false;
        }

        @Override
        public NodeCredentials register() throws IOException {
          throw new IOException("no enrolment key or setup token");
        }
      };

  /** Whether an enrolment key or a setup token is at hand. */
  boolean available();

  /**
   * Registers once (retrying only unreachable-server errors, a bounded number of times with
   * backoff), saves the answer to the config file and returns it.
   */
  NodeCredentials register() throws IOException, InterruptedException;
}
