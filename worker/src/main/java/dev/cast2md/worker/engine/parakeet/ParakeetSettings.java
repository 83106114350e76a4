package dev.cast2md.worker.engine.parakeet;

import dev.cast2md.worker.engine.EnvValues;
import java.util.Map;

/**
 * The Parakeet engine's own settings, from the environment.
 *
 * @param device {@code NODE_DEVICE}: auto (default), cpu, cuda or cuda:N
 * @param decoderDevice {@code PARAKEET_DECODER_DEVICE}: where the small decoder/joint runs; "same"
 *     (default) as the encoder, or cpu (per-token calls may cost less there than a GPU round trip)
 * @param batch {@code PARAKEET_BATCH}: chunks per encoder call; 0 (default) means 8 on a GPU, 1 on
 *     the CPU, where padding a batch only adds work
 * @param threads {@code PARAKEET_THREADS}: ONNX Runtime intra-op threads; 0 (default) lets it pick
 *     one per physical core
 */
public record ParakeetSettings(
    DeviceRequest device, DeviceRequest decoderDevice, int batch, int threads) {

  public static ParakeetSettings from(Map<String, String> env) {
    DeviceRequest device = DeviceRequest.parse(env.get("NODE_DEVICE"));
    String decoder = env.getOrDefault("PARAKEET_DECODER_DEVICE", "same").strip();
    return new ParakeetSettings(
        device,
        decoder.isEmpty() || decoder.equalsIgnoreCase("same")
            ? device
            : DeviceRequest.parse(decoder),
        EnvValues.nonNegative(env, "PARAKEET_BATCH", 0),
        EnvValues.nonNegative(env, "PARAKEET_THREADS", 0));
  }
}
