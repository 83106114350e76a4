package dev.cast2md.platform.boundary;

import dev.cast2md.protocol.ProtocolJson;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/** The whole API speaks the protocol's JSON: snake_case names, nulls written out. */
@Provider
public class JsonbResolver implements ContextResolver<Jsonb> {
  private static final Jsonb JSONB = ProtocolJson.create();

  @Override
  public Jsonb getContext(Class<?> type) {
    return JSONB;
  }
}
