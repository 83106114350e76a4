package dev.cast2md.worker.engine.models;

import java.net.URI;

/**
 * One file of a model and where it comes from.
 *
 * @param name file name inside the model's directory
 * @param url where to download it
 * @param size expected bytes, or -1 when no trustworthy figure is known
 * @param sha256 expected SHA-256 (lower-case hex), or null when none is known: the digest is then
 *     recorded on first download and checked on every later start ("trust on first download")
 */
public record ModelFile(String name, URI url, long size, String sha256) {
  public boolean pinned() {
    return sha256 != null;
  }
}
