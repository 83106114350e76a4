package dev.cast2md.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.Test;

class ErrorMapperTest {
  /** Not public: Yasson cannot read its accessor, as happened with a view record once. */
  private record Hidden(String value) {}

  public record Wanted(int count) {}

  @Test
  void aBodyThatCannotBeReadIsTheClientsFaultOneThatCannotBeWrittenIsOurs() throws Exception {
    var jsonb = JsonbBuilder.create();
    JsonbException reading = null;
    try {
      jsonb.fromJson("{\"count\": \"many\"}", Wanted.class);
    } catch (JsonbException e) {
      reading = e;
    }
    JsonbException writing = null;
    try {
      jsonb.toJson(new Hidden("x"));
    } catch (JsonbException e) {
      writing = e;
    }
    ErrorMapper mapper = new ErrorMapper();
    assertEquals(400, mapper.toResponse(reading).getStatus());
    assertNotNull(writing, "Yasson refuses a non-public record");
    assertEquals(500, mapper.toResponse(writing).getStatus());
    jsonb.close();
  }
}
