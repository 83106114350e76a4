package dev.cast2md.worker.engine.models;

import dev.cast2md.worker.logging.EventLog;
import dev.cast2md.worker.node.Backoff;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Downloads one model file over HTTP(S) into {@code target}: bytes go to {@code target.part} and
 * the file appears under its name only once complete and verified, so a crash never leaves a
 * truncated model that looks whole. An interrupted transfer resumes from the partial file with an
 * HTTP Range request; a server that ignores Range sends the whole file and the download starts
 * over. Transient failures are retried a bounded number of times with exponential backoff; every
 * connection has a connect and a per-read timeout, so a stalled CDN cannot hang the worker.
 */
public final class ModelDownloader {
  private static final int MAX_REDIRECTS = 8;
  private static final int BUFFER = 1 << 16;

  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final Backoff backoff;
  private final Backoff.Sleeper sleeper;
  private final Duration progressEvery;
  private final String huggingFaceToken;

  public ModelDownloader(
      Duration connectTimeout,
      Duration readTimeout,
      Backoff backoff,
      Backoff.Sleeper sleeper,
      Duration progressEvery) {
    this(connectTimeout, readTimeout, backoff, sleeper, progressEvery, null);
  }

  /**
   * @param huggingFaceToken sent as a bearer token to huggingface.co only (rate limits are higher
   *     for signed-in users); never to the CDN it redirects to, whose URLs are signed already
   */
  public ModelDownloader(
      Duration connectTimeout,
      Duration readTimeout,
      Backoff backoff,
      Backoff.Sleeper sleeper,
      Duration progressEvery,
      String huggingFaceToken) {
    this.connectTimeout = connectTimeout;
    this.readTimeout = readTimeout;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.progressEvery = progressEvery;
    this.huggingFaceToken =
        huggingFaceToken == null || huggingFaceToken.isBlank() ? null : huggingFaceToken.strip();
  }

  public static ModelDownloader withDefaults() {
    return withDefaults(null);
  }

  /** The defaults, with an optional Hugging Face token ({@code HF_TOKEN}). */
  public static ModelDownloader withDefaults(String huggingFaceToken) {
    // Hugging Face redirects to a CDN that answers in well under a second; 30 s without a byte
    // means a dead connection, and resuming costs nothing, so retry rather than wait longer.
    return new ModelDownloader(
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        new Backoff(6, Duration.ofSeconds(2), Duration.ofSeconds(60)),
        Backoff.Sleeper.REAL,
        Duration.ofSeconds(5),
        huggingFaceToken);
  }

  /**
   * Fetches {@code file} into {@code target} and returns its SHA-256. Throws when it cannot, after
   * the retries; a checksum mismatch deletes the partial file (its bytes are wrong somewhere, a
   * resume would keep them) and counts as a failed attempt.
   */
  public String download(ModelFile file, Path target) throws IOException, InterruptedException {
    Path part = target.resolveSibling(target.getFileName() + ".part");
    Files.createDirectories(target.toAbsolutePath().getParent());
    ModelDownloadException last = null;
    for (int attempt = 1; attempt <= backoff.attempts(); attempt++) {
      if (attempt > 1) {
        Duration delay = backoff.delayBefore(attempt);
        EventLog.warn(
            "model download %s: %s; try %d of %d in %.1f s",
            file.name(), last.getMessage(), attempt, backoff.attempts(), delay.toMillis() / 1000.0);
        sleeper.sleep(delay);
      }
      try {
        fetch(file, part);
        String digest = sha256(part);
        long size = Files.size(part);
        if (file.size() >= 0 && size != file.size()) {
          Files.deleteIfExists(part);
          throw new ModelDownloadException(
              file.name() + " has " + size + " bytes, expected " + file.size(), true);
        }
        if (file.sha256() != null && !file.sha256().equalsIgnoreCase(digest)) {
          Files.deleteIfExists(part);
          throw new ModelDownloadException(
              file.name()
                  + " checksum mismatch: expected SHA-256 "
                  + file.sha256()
                  + ", got "
                  + digest,
              true);
        }
        Files.move(
            part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return digest;
      } catch (ModelDownloadException e) {
        last = e;
        if (!e.retryable()) {
          throw e;
        }
      } catch (IOException e) {
        last = new ModelDownloadException(describe(e), true, e);
      }
    }
    throw new ModelDownloadException(
        "could not download "
            + file.name()
            + " from "
            + file.url()
            + " after "
            + backoff.attempts()
            + " tries: "
            + last.getMessage(),
        false,
        last);
  }

  /** One HTTP exchange: appends to {@code part} from where it ends. */
  private void fetch(ModelFile file, Path part) throws IOException, InterruptedException {
    long have = Files.exists(part) ? Files.size(part) : 0;
    if (file.size() >= 0 && have > file.size()) {
      Files.delete(part);
      have = 0;
    }
    if (file.size() >= 0 && have == file.size()) {
      return;
    }
    HttpURLConnection connection = open(file.url(), have);
    try {
      int status = connection.getResponseCode();
      boolean append;
      long total;
      if (status == 206 && have > 0) {
        append = true;
        total = have + connection.getContentLengthLong();
        EventLog.info("model download %s: resuming at %.1f MB", file.name(), have / 1e6);
      } else if (status == 200) {
        append = false;
        total = connection.getContentLengthLong();
        have = 0;
      } else if (status == 416 && have > 0) {
        // The partial file already holds every byte the server has; the checksum decides.
        return;
      } else {
        boolean retryable = status == 408 || status == 429 || status >= 500;
        throw new ModelDownloadException(
            file.name() + ": HTTP " + status + " from " + connection.getURL(), retryable);
      }
      DownloadProgress progress =
          new DownloadProgress(
              file.name(), have, file.size() >= 0 ? file.size() : total, progressEvery);
      long written = have;
      try (InputStream in = connection.getInputStream();
          OutputStream out =
              append
                  ? Files.newOutputStream(part, StandardOpenOption.APPEND)
                  : Files.newOutputStream(part)) {
        byte[] buffer = new byte[BUFFER];
        int read;
        while ((read = in.read(buffer)) >= 0) {
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("model download stopped");
          }
          out.write(buffer, 0, read);
          written += read;
          progress.update(written);
        }
      }
      if (total > 0 && written < total) {
        throw new IOException("connection closed after " + written + " of " + total + " bytes");
      }
      progress.done(written);
    } finally {
      connection.disconnect();
    }
  }

  /** Follows redirects itself so that the Range header goes along to the CDN. */
  private HttpURLConnection open(URI uri, long from) throws IOException {
    URL url = uri.toURL();
    for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
      HttpURLConnection connection = (HttpURLConnection) url.openConnection();
      connection.setInstanceFollowRedirects(false);
      connection.setConnectTimeout((int) connectTimeout.toMillis());
      connection.setReadTimeout((int) readTimeout.toMillis());
      connection.setRequestProperty("User-Agent", "cast2md-worker");
      if (from > 0) {
        connection.setRequestProperty("Range", "bytes=" + from + "-");
      }
      if (huggingFaceToken != null && isHuggingFace(url)) {
        connection.setRequestProperty("Authorization", "Bearer " + huggingFaceToken);
      }
      int status = connection.getResponseCode();
      if (status / 100 == 3 && connection.getHeaderField("Location") != null) {
        url = URI.create(url.toString()).resolve(connection.getHeaderField("Location")).toURL();
        connection.disconnect();
        continue;
      }
      return connection;
    }
    throw new ModelDownloadException("more than " + MAX_REDIRECTS + " redirects for " + uri, false);
  }

  /**
   * The API host only: its CDNs (cdn-lfs.huggingface.co, *.hf.co) take pre-signed URLs and may
   * refuse a request that carries a second credential.
   */
  static boolean isHuggingFace(URL url) {
    return "https".equals(url.getProtocol()) && "huggingface.co".equalsIgnoreCase(url.getHost());
  }

  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[BUFFER];
      int read;
      while ((read = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, read);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static String describe(IOException e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
