package dev.cast2md.pods.control.runpod;

import dev.cast2md.pods.entity.RunPodCreatePod;
import dev.cast2md.pods.entity.RunPodCreateTemplate;
import dev.cast2md.pods.entity.RunPodGpu;
import dev.cast2md.pods.entity.RunPodPod;
import dev.cast2md.pods.entity.RunPodTemplate;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RunPod's JSON, read leniently and written strictly. Reading tolerates the shapes seen across API
 * versions (costs as numbers or strings, {@code image} or {@code imageName}, lists bare or wrapped)
 * because RunPod's own fixtures disagree; writing sends only v2's field names, since v2 rejects
 * unknown properties.
 */
final class RunPodJson {

  /** Go's time.String(), which some RunPod answers carry: "2026-10-04 11:09:24.633 +0000 UTC". */
  private static final DateTimeFormatter GO_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy-MM-dd HH:mm:ss")
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true)
          .optionalEnd()
          .appendLiteral(' ')
          .appendOffset("+HHMM", "+0000")
          .appendLiteral(" UTC")
          .toFormatter();

  private RunPodJson() {}

  static JsonStructure parse(String text) {
    try (var reader = Json.createReader(new StringReader(text))) {
      return reader.read();
    }
  }

  /** The RFC 9457 problem's {@code detail}, else its {@code title}, else v1's {@code error}. */
  static String problemDetail(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      if (parse(body) instanceof JsonObject problem) {
        for (String key : List.of("detail", "title", "error", "message")) {
          String value = string(problem, key);
          if (value != null && !value.isBlank()) {
            return value;
          }
        }
      }
    } catch (RuntimeException notJson) {
      // an HTML error page from a proxy: fall through to the status alone
    }
    return null;
  }

  static List<RunPodPod> pods(String body) {
    return list(body, "pods").stream().map(RunPodJson::pod).toList();
  }

  static RunPodPod pod(String body) {
    return pod((JsonObject) parse(body));
  }

  static RunPodPod pod(JsonObject o) {
    JsonObject gpu = object(o, "gpu");
    JsonObject machine = object(o, "machine");
    JsonObject runtime = object(o, "runtime");
    String status = firstNonNull(string(o, "status"), string(o, "desiredStatus"));
    return new RunPodPod(
        string(o, "id"),
        string(o, "name"),
        status,
        firstNonNull(string(gpu, "id"), string(o, "gpuTypeId"), string(machine, "gpuTypeId")),
        firstNonNull(string(gpu, "displayName"), string(machine, "gpuDisplayName")),
        firstNonNull(number(o, "cost"), number(o, "costPerHr"), number(o, "adjustedCostPerHr")),
        publicIp(o, runtime),
        runtime != null,
        env(o.get("env")),
        instant(firstNonNull(string(o, "createdAt"), string(o, "lastStartedAt"))));
  }

  static List<RunPodGpu> gpus(String body) {
    return list(body, "gpus").stream().map(RunPodJson::gpu).toList();
  }

  static RunPodGpu gpu(JsonObject o) {
    JsonObject price = object(o, "price");
    Double memory = firstNonNull(number(o, "memory"), number(o, "memoryInGb"));
    return new RunPodGpu(
        string(o, "id"),
        string(o, "displayName"),
        memory == null ? 0 : memory.intValue(),
        firstNonNull(number(price, "secure"), number(o, "securePrice")),
        firstNonNull(number(price, "community"), number(o, "communityPrice")),
        string(o, "availability"));
  }

  static List<RunPodTemplate> templates(String body) {
    return list(body, "templates").stream().map(RunPodJson::template).toList();
  }

  static RunPodTemplate template(String body) {
    return template((JsonObject) parse(body));
  }

  static RunPodTemplate template(JsonObject o) {
    return new RunPodTemplate(
        string(o, "id"),
        string(o, "name"),
        firstNonNull(string(o, "image"), string(o, "imageName")));
  }

  static String createPodBody(RunPodCreatePod req) {
    JsonObjectBuilder gpu = Json.createObjectBuilder().add("id", req.gpuId()).add("count", 1);
    if (!req.allowedCudaVersions().isEmpty()) {
      gpu.add("allowedCudaVersions", strings(req.allowedCudaVersions()));
    }
    JsonObjectBuilder body = Json.createObjectBuilder().add("name", req.name());
    if (req.templateId() != null) {
      body.add("templateId", req.templateId());
    }
    if (req.image() != null) {
      body.add("image", req.image());
    }
    body.add("gpu", gpu);
    if (!req.env().isEmpty()) {
      body.add("env", stringMap(req.env()));
    }
    return body.build().toString();
  }

  static String createTemplateBody(RunPodCreateTemplate req) {
    JsonObjectBuilder body =
        Json.createObjectBuilder()
            .add("name", req.name())
            .add("image", req.image())
            .add("disk", req.diskGb())
            .add("startJupyter", false);
    if (!req.dockerStartCmd().isEmpty()) {
      // v2 takes the start command as one string, as a shell would read it
      body.add("args", ShellWords.join(req.dockerStartCmd()));
    }
    if (!req.ports().isEmpty()) {
      body.add("ports", strings(req.ports()));
    }
    if (!req.env().isEmpty()) {
      body.add("env", stringMap(req.env()));
    }
    return body.build().toString();
  }

  static String actionBody(String action) {
    return Json.createObjectBuilder().add("action", action).build().toString();
  }

  // --- reading helpers ---

  /** A list either bare or wrapped as {@code {"<key>":[...]}}. */
  private static List<JsonObject> list(String body, String key) {
    JsonStructure root = parse(body);
    JsonArray array;
    if (root instanceof JsonArray bare) {
      array = bare;
    } else {
      JsonObject wrapper = (JsonObject) root;
      array = wrapper.containsKey(key) && !wrapper.isNull(key) ? wrapper.getJsonArray(key) : null;
      if (array == null) {
        return List.of();
      }
    }
    List<JsonObject> out = new ArrayList<>();
    for (JsonValue v : array) {
      if (v instanceof JsonObject o) {
        out.add(o);
      }
    }
    return out;
  }

  private static String publicIp(JsonObject pod, JsonObject runtime) {
    String ip = string(pod, "publicIp");
    if (ip != null && !ip.isBlank()) {
      return ip;
    }
    if (runtime != null && runtime.get("ports") instanceof JsonArray ports) {
      for (JsonValue v : ports) {
        if (v instanceof JsonObject port
            && !JsonValue.FALSE.equals(port.get("isIpPublic"))
            && string(port, "ip") != null
            && !string(port, "ip").isBlank()) {
          return string(port, "ip");
        }
      }
    }
    return null;
  }

  /** An env object, or GraphQL's list of "KEY=value" strings. */
  private static Map<String, String> env(JsonValue value) {
    Map<String, String> env = new LinkedHashMap<>();
    if (value instanceof JsonObject o) {
      o.forEach((k, v) -> env.put(k, text(v)));
    } else if (value instanceof JsonArray a) {
      for (JsonValue v : a) {
        if (v instanceof JsonString s && s.getString().contains("=")) {
          String pair = s.getString();
          env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
      }
    }
    return env;
  }

  static Instant instant(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notIso) {
      try {
        return OffsetDateTime.parse(text, GO_TIME).toInstant();
      } catch (DateTimeParseException notGo) {
        return null;
      }
    }
  }

  private static JsonObject object(JsonObject o, String key) {
    return o != null && o.get(key) instanceof JsonObject child ? child : null;
  }

  static String string(JsonObject o, String key) {
    if (o == null) {
      return null;
    }
    JsonValue v = o.get(key);
    return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : text(v);
  }

  private static String text(JsonValue v) {
    return v instanceof JsonString s ? s.getString() : v.toString();
  }

  /** A number sent as a number or as a string ("0.74"); null when absent or unreadable. */
  static Double number(JsonObject o, String key) {
    if (o == null) {
      return null;
    }
    JsonValue v = o.get(key);
    if (v instanceof JsonNumber n) {
      return n.doubleValue();
    }
    if (v instanceof JsonString s) {
      try {
        return Double.valueOf(s.getString().trim());
      } catch (NumberFormatException unreadable) {
        return null;
      }
    }
    return null;
  }

  @SafeVarargs
  private static <T> T firstNonNull(T... values) {
    for (T v : values) {
      if (v != null) {
        return v;
      }
    }
    return null;
  }

  private static JsonArrayBuilder strings(List<String> values) {
    JsonArrayBuilder a = Json.createArrayBuilder();
    values.forEach(a::add);
    return a;
  }

  private static JsonObjectBuilder stringMap(Map<String, String> values) {
    JsonObjectBuilder o = Json.createObjectBuilder();
    values.forEach(o::add);
    return o;
  }
}
