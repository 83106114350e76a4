package dev.cast2md.worker.engine.whisper;

import dev.cast2md.worker.engine.EnvValues;
import java.util.Locale;
import java.util.Map;

/**
 * The Whisper engine's own settings, from the environment.
 *
 * @param language {@code WHISPER_LANGUAGE}: "auto" (default, whisper.cpp detects it per window) or
 *     a code such as en, de
 * @param threads {@code WHISPER_THREADS}: whisper.cpp CPU threads; 0 (default) = all cores
 * @param temperatureFallback {@code WHISPER_TEMPERATURE_FALLBACK}: 1 retries a window at higher
 *     temperatures when decoding looks bad (whisper.cpp's default); 0 (default here) keeps greedy
 *     decoding deterministic and bounded in time
 * @param beamSize {@code WHISPER_BEAM_SIZE}: 0 (default) greedy, otherwise beam search
 * @param libDir {@code WHISPER_LIBDIR}: a directory with a CUDA build of whisper.cpp v1.7.1 and
 *     whisper-jni's {@code libwhisper-jni.so}; unset = the CPU natives in the jar
 * @param requireGpu {@code NODE_DEVICE=cuda}: fail at load when the natives have no CUDA
 */
public record WhisperSettings(
    String language,
    int threads,
    boolean temperatureFallback,
    int beamSize,
    String libDir,
    boolean requireGpu) {

  public static WhisperSettings from(Map<String, String> env) {
    String language = env.getOrDefault("WHISPER_LANGUAGE", "auto").strip().toLowerCase(Locale.ROOT);
    String device = env.getOrDefault("NODE_DEVICE", "auto").strip().toLowerCase(Locale.ROOT);
    String libDir = env.get("WHISPER_LIBDIR");
    return new WhisperSettings(
        language.isEmpty() ? "auto" : language,
        EnvValues.nonNegative(env, "WHISPER_THREADS", 0),
        EnvValues.nonNegative(env, "WHISPER_TEMPERATURE_FALLBACK", 0) == 1,
        EnvValues.nonNegative(env, "WHISPER_BEAM_SIZE", 0),
        libDir == null || libDir.isBlank() ? null : libDir.strip(),
        device.startsWith("cuda") || device.equals("gpu"));
  }
}
