package dev.cast2md.pods.control.runpod;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds {@code Authorization: Bearer <key>}; the key lives only here and is never printed. */
final class BearerAuth implements ClientRequestFilter {
  private final String apiKey;

  BearerAuth(String apiKey) {
    this.apiKey = apiKey;
  }

  @Override
  public void filter(ClientRequestContext request) {
    request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey);
  }

  @Override
  public String toString() {
    return "BearerAuth[***]";
  }
}
