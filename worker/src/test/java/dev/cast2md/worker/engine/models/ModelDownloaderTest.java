package dev.cast2md.worker.engine.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cast2md.worker.node.Backoff;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDownloaderTest {
  @TempDir Path dir;

  static byte[] randomBytes(int size) {
    byte[] data = new byte[size];
    new Random(11).nextBytes(data);
    return data;
  }

  static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  final List<Duration> sleeps = new ArrayList<>();

  ModelDownloader downloader(int attempts) {
    return new ModelDownloader(
        Duration.ofSeconds(2),
        Duration.ofMillis(300),
        new Backoff(attempts, Duration.ofMillis(100), Duration.ofSeconds(1)),
        sleeps::add,
        Duration.ofMillis(50));
  }

  @Test
  void aCutConnectionResumesWithARangeRequest() throws Exception {
    byte[] data = randomBytes(3_000_000);
    try (ModelFileServer server = new ModelFileServer(data, ModelFileServer.FirstRequest.CUT)) {
      ModelFile file =
          new ModelFile("model.bin", server.uri("/model.bin"), data.length, sha256(data));
      Path target = dir.resolve("model.bin");
      String digest = downloader(3).download(file, target);
      assertEquals(sha256(data), digest);
      assertArrayEquals(data, Files.readAllBytes(target));
      assertFalse(Files.exists(dir.resolve("model.bin.part")));
      assertEquals(2, server.gets.get(), "one cut transfer, one resumed: " + server.ranges);
      assertEquals("", server.ranges.get(0));
      String resumed = server.ranges.get(1);
      assertTrue(
          resumed.matches("bytes=[1-9][0-9]*-"), "resumed from the partial file: " + resumed);
      assertEquals(List.of(Duration.ofMillis(100)), sleeps, "one backoff before the second try");
    }
  }

  @Test
  void aStalledTransferTimesOutAndResumesThroughARedirect() throws Exception {
    byte[] data = randomBytes(1_000_000);
    try (ModelFileServer server = new ModelFileServer(data, ModelFileServer.FirstRequest.STALL)) {
      ModelFile file = new ModelFile("model.bin", server.uri("/redirect"), -1, null);
      Path target = dir.resolve("model.bin");
      long start = System.nanoTime();
      assertEquals(sha256(data), downloader(3).download(file, target));
      assertTrue((System.nanoTime() - start) / 1e9 < 2.5, "the 300 ms read timeout fired");
      assertArrayEquals(data, Files.readAllBytes(target));
      assertTrue(server.ranges.get(1).startsWith("bytes="), "Range survived the redirect");
    }
  }

  @Test
  void aChecksumMismatchFailsAndLeavesNothingBehind() throws Exception {
    byte[] data = randomBytes(200_000);
    try (ModelFileServer server = new ModelFileServer(data, ModelFileServer.FirstRequest.NORMAL)) {
      String wrong = "0".repeat(64);
      ModelFile file = new ModelFile("model.bin", server.uri("/model.bin"), data.length, wrong);
      Path target = dir.resolve("model.bin");
      ModelDownloadException e =
          assertThrows(ModelDownloadException.class, () -> downloader(2).download(file, target));
      assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
      assertTrue(e.getMessage().contains(sha256(data)), "names the digest it got");
      assertFalse(Files.exists(target));
      assertFalse(Files.exists(dir.resolve("model.bin.part")));
      assertEquals(2, server.gets.get(), "bounded: two tries, each from scratch");
      assertEquals(List.of("", ""), server.ranges);
    }
  }

  @Test
  void aMissingFileIsNotRetried() throws Exception {
    try (ModelFileServer server =
        new ModelFileServer(randomBytes(10), ModelFileServer.FirstRequest.NORMAL)) {
      ModelFile file = new ModelFile("model.bin", server.uri("/missing"), -1, null);
      ModelDownloadException e =
          assertThrows(
              ModelDownloadException.class,
              () -> downloader(5).download(file, dir.resolve("model.bin")));
      assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
      assertEquals(List.of(), sleeps);
    }
  }

  @Test
  void theTokenGoesToHuggingFaceOnlyNeverToItsCdn() throws Exception {
    assertTrue(
        ModelDownloader.isHuggingFace(
            java.net
                .URI
                .create("https://huggingface.co/ggerganov/whisper.cpp/resolve/x/y")
                .toURL()));
    for (String other :
        List.of(
            "https://cdn-lfs.huggingface.co/repos/x",
            "https://cas-bridge.xethub.hf.co/x",
            "http://huggingface.co/x",
            "https://huggingface.co.evil.example/x")) {
      assertFalse(ModelDownloader.isHuggingFace(java.net.URI.create(other).toURL()), other);
    }
  }
}
