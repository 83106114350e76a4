package dev.cast2md.protocol;

/** {@code retry} false marks a permanent problem (audio gone, undecodable); absent means true. */
public record FailRequest(String errorMessage, Boolean retry) {

  public boolean retryable() {
    return retry == null || retry;
  }
}
