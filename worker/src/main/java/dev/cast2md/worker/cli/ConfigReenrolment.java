package dev.cast2md.worker.cli;

import dev.cast2md.worker.logging.EventLog;
import dev.cast2md.worker.node.Backoff;
import dev.cast2md.worker.node.NodeCredentials;
import dev.cast2md.worker.node.NodeHttpException;
import dev.cast2md.worker.node.Reenrolment;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/**
 * Registers a node the server has forgotten once more, as the node it was (server, name, engine,
 * model), with the enrolment key or setup token from the environment, and rewrites the 0600 config
 * file with the new credentials. A refusal (4xx) is final; an unreachable server is tried a bounded
 * number of times with backoff.
 */
public final class ConfigReenrolment implements Reenrolment {
  private final ConfigFile file;
  private final StoredNode node;
  private final String enrolmentKey;
  private final String setupToken;
  private final Map<String, String> env;
  private final int healthPort;
  private final Backoff backoff;
  private final Backoff.Sleeper sleeper;

  public ConfigReenrolment(
      ConfigFile file,
      StoredNode node,
      String enrolmentKey,
      String setupToken,
      Map<String, String> env,
      int healthPort,
      Backoff backoff,
      Backoff.Sleeper sleeper) {
    this.file = file;
    this.node = node;
    this.enrolmentKey = enrolmentKey;
    this.setupToken = setupToken;
    this.env = env;
    this.healthPort = healthPort;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  static ConfigReenrolment from(Settings settings, ConfigFile file, StoredNode node) {
    return new ConfigReenrolment(
        file,
        node,
        settings.get("NODE_ENROLMENT_KEY"),
        settings.get("SETUP_TOKEN"),
        settings.env(),
        settings.healthPort(),
        new Backoff(3, Duration.ofSeconds(2), Duration.ofSeconds(10)),
        Backoff.Sleeper.REAL);
  }

  @Override
  public boolean available() {
    return enrolmentKey != null || setupToken != null;
  }

  @Override
  public NodeCredentials register() throws IOException, InterruptedException {
    IOException last = null;
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (attempt > 1) {
        sleeper.sleep(backoff.delayBefore(attempt));
        EventLog.info("registration retry %d after: %s", attempt, last.getMessage());
      }
      try {
        StoredNode fresh =
            Registration.register(
                env,
                healthPort,
                enrolmentKey,
                setupToken,
                file,
                node.serverUrl(),
                node.name(),
                node.engine(),
                node.model());
        return new NodeCredentials(fresh.nodeId(), fresh.apiKey());
      } catch (NodeHttpException e) {
        if (e.isClientError()) {
          throw e;
        }
        last = e;
      } catch (java.io.InterruptedIOException e) {
        throw new InterruptedException("registration interrupted");
      } catch (IOException e) {
        last = e;
      }
    }
    throw last;
  }
}
