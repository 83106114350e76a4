package dev.cast2md.worker.engine.parakeet;

import java.util.Locale;

/**
 * Where the operator wants the model to run ({@code NODE_DEVICE}): {@code cuda[:N]} must get the
 * GPU or fail, {@code cpu} never tries it, {@code auto} tries CUDA and falls back to the CPU with a
 * warning.
 */
public record DeviceRequest(Kind kind, int cudaDevice) {
  public enum Kind {
    AUTO,
    CUDA,
    CPU
  }

  public static DeviceRequest parse(String value) {
    String v = value == null || value.isBlank() ? "auto" : value.strip().toLowerCase(Locale.ROOT);
    if (v.equals("auto")) {
      return new DeviceRequest(Kind.AUTO, 0);
    }
    if (v.equals("cpu")) {
      return new DeviceRequest(Kind.CPU, 0);
    }
    if (v.equals("cuda") || v.equals("gpu")) {
      return new DeviceRequest(Kind.CUDA, 0);
    }
    if (v.startsWith("cuda:")) {
      try {
        return new DeviceRequest(Kind.CUDA, Integer.parseInt(v.substring(5)));
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(
        "NODE_DEVICE must be auto, cpu, cuda or cuda:N, was '" + value + "'");
  }
}
