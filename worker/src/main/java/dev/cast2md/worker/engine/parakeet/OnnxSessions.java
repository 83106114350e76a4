package dev.cast2md.worker.engine.parakeet;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;
import dev.cast2md.worker.engine.EngineException;
import dev.cast2md.worker.logging.EventLog;
import java.nio.file.Path;

/**
 * Creates ONNX Runtime sessions on the device asked for and says where each really landed. The
 * normal build carries the CPU artifact, whose CUDA request fails with "Failed to find CUDA shared
 * provider"; the {@code -Pcuda} build carries {@code onnxruntime_gpu}, whose request fails when the
 * CUDA 12 libraries or the GPU are missing. Either way {@code auto} falls back to the CPU and says
 * so in the log, and {@code cuda} stops the worker.
 */
final class OnnxSessions {
  private OnnxSessions() {}

  /** A session and the device it runs on, in words ("cuda:0", "cpu"). */
  record Placed(OrtSession session, String device) {}

  static Placed open(OrtEnvironment env, Path model, DeviceRequest request, int threads)
      throws EngineException {
    if (request.kind() != DeviceRequest.Kind.CPU) {
      boolean built = OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA);
      String why;
      if (built) {
        try (OrtSession.SessionOptions options = options(threads)) {
          options.addCUDA(request.cudaDevice());
          return new Placed(
              env.createSession(model.toString(), options), "cuda:" + request.cudaDevice());
        } catch (OrtException e) {
          why = e.getMessage();
        }
      } else {
        why = "this worker was built with the CPU onnxruntime artifact (build with -Pcuda)";
      }
      if (request.kind() == DeviceRequest.Kind.CUDA) {
        throw new EngineException(
            "NODE_DEVICE asks for CUDA but ONNX Runtime cannot use it for "
                + model.getFileName()
                + ": "
                + why
                + " (set NODE_DEVICE=auto to accept the CPU)");
      }
      EventLog.warn("CUDA unavailable for %s, running on the CPU: %s", model.getFileName(), why);
    }
    try (OrtSession.SessionOptions options = options(threads)) {
      return new Placed(env.createSession(model.toString(), options), "cpu");
    } catch (OrtException e) {
      throw new EngineException("ONNX Runtime cannot load " + model + ": " + e.getMessage(), e);
    }
  }

  private static OrtSession.SessionOptions options(int threads) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
    if (threads > 0) {
      options.setIntraOpNumThreads(threads);
    }
    return options;
  }
}
