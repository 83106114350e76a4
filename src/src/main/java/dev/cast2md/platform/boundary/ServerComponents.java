package dev.cast2md.platform.boundary;

import dev.cast2md.feeds.control.StandaloneEpisodes;
import dev.cast2md.nodes.control.Enrolment;
import dev.cast2md.nodes.control.ManagedPods;
import dev.cast2md.nodes.control.NodeAdmin;
import dev.cast2md.nodes.control.NodeProtocol;
import dev.cast2md.platform.control.Database;
import dev.cast2md.protocol.ProtocolJson;
import dev.cast2md.queue.control.JobListing;
import dev.cast2md.queue.control.JobQueue;
import dev.cast2md.queue.control.QueuePolicy;
import dev.cast2md.settings.control.SettingKey;
import dev.cast2md.settings.control.Settings;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Builds the plain control objects once and hands them to the boundary through CDI. */
@ApplicationScoped
public class ServerComponents {
  private static final Duration POLICY_REFRESH = Duration.ofSeconds(15);

  @Resource(lookup = "jdbc/appDS")
  DataSource dataSource;

  @Inject Config config;

  @Inject
  @ConfigProperty(name = "cast2md.data.dir", defaultValue = "data")
  String dataDir;

  @Inject Instance<ManagedPods> managedPods;

  private Database db;
  private Settings settings;
  private JobQueue queue;
  private NodeProtocol nodes;
  private Enrolment enrolment;
  private final Jsonb jsonb = ProtocolJson.create();
  private volatile CachedPolicy cachedPolicy;

  private record CachedPolicy(QueuePolicy policy, boolean relayAudio, Instant readAt) {}

  @Produces
  public Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  public synchronized Database database() {
    if (db == null) {
      db = new Database(dataSource);
    }
    return db;
  }

  @Produces
  public synchronized Settings settings() {
    if (settings == null) {
      settings = new Settings(database(), config, clock());
    }
    return settings;
  }

  @Produces
  public synchronized JobQueue jobQueue() {
    if (queue == null) {
      queue = new JobQueue(database(), clock(), this::currentPolicy);
      queue.relayAudio(this::relayAudio);
    }
    return queue;
  }

  @Produces
  public JobListing jobListing() {
    return new JobListing(database());
  }

  @Produces
  public StandaloneEpisodes standaloneEpisodes() {
    return new StandaloneEpisodes(database(), jobQueue(), clock(), dataDirectory());
  }

  @Produces
  public NodeAdmin nodeAdmin() {
    return new NodeAdmin(database(), clock());
  }

  @Produces
  public Jsonb jsonb() {
    return jsonb;
  }

  @Produces
  public synchronized NodeProtocol nodeProtocol() {
    if (nodes == null) {
      ManagedPods pods = managedPods.isResolvable() ? managedPods.get() : ManagedPods.NONE;
      nodes = new NodeProtocol(database(), jobQueue(), enrolment(), pods, jsonb);
    }
    return nodes;
  }

  public Path dataDirectory() {
    return Path.of(dataDir).toAbsolutePath();
  }

  synchronized Enrolment enrolment() {
    if (enrolment == null) {
      enrolment =
          new Enrolment(
              EnrolmentKeyBootstrap.keyHash(settings(), config, dataDirectory()),
              settings().getBoolean(SettingKey.NODE_OPEN_REGISTRATION));
    }
    return enrolment;
  }

  /** The queue policy from settings, re-read now and then so that overrides take effect. */
  QueuePolicy currentPolicy() {
    return cached().policy();
  }

  /**
   * Whether the server downloads enclosures for the workers ({@code AUDIO_RELAY}), cached with the
   * queue policy: it is asked for every episode queued, often inside a transaction, where another
   * connection for a settings read could wait on a busy pool.
   */
  public boolean relayAudio() {
    return cached().relayAudio();
  }

  private CachedPolicy cached() {
    CachedPolicy cached = cachedPolicy;
    Instant now = Instant.now();
    if (cached == null || cached.readAt().plus(POLICY_REFRESH).isBefore(now)) {
      Settings s = settings();
      cached =
          new CachedPolicy(
              new QueuePolicy(
                  Duration.ofSeconds(s.getLong(SettingKey.QUEUE_LEASE_SECONDS)),
                  Duration.ofSeconds(s.getLong(SettingKey.QUEUE_ORPHAN_GRACE_SECONDS)),
                  Duration.ofSeconds(s.getLong(SettingKey.QUEUE_RETRY_BACKOFF_SECONDS)),
                  s.getInt(SettingKey.QUEUE_RETRY_BACKOFF_FACTOR),
                  Duration.ofSeconds(s.getLong(SettingKey.QUEUE_RETRY_BACKOFF_CAP_SECONDS)),
                  s.getInt(SettingKey.QUEUE_MAX_ATTEMPTS)),
              s.getBoolean(SettingKey.AUDIO_RELAY),
              now);
      cachedPolicy = cached;
    }
    return cached;
  }

  /** Forgets the cached policy, after an operator changed a setting. */
  public void settingsChanged() {
    cachedPolicy = null;
  }
}
