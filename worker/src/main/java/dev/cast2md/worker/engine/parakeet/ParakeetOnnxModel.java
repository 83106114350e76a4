package dev.cast2md.worker.engine.parakeet;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.cast2md.worker.engine.EngineException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The encoder and the decoder/joint of the onnx-asr export as ONNX Runtime sessions. Inputs and
 * outputs are addressed by name (the export's contract), checked once at load so that a model of
 * another layout fails with a message instead of a native error in the middle of a job.
 */
final class ParakeetOnnxModel implements AutoCloseable {
  private static final Set<String> ENCODER_INPUTS = Set.of("audio_signal", "length");
  private static final Set<String> DECODER_INPUTS =
      Set.of("encoder_outputs", "targets", "target_length", "input_states_1", "input_states_2");

  private final OrtEnvironment env;
  private final OnnxSessions.Placed encoder;
  private final OnnxSessions.Placed decoderJoint;
  private final int stateLayers;
  private final int stateSize;
  private final int jointOutputs;

  ParakeetOnnxModel(
      ParakeetModelFiles files,
      DeviceRequest encoderDevice,
      DeviceRequest decoderDevice,
      int threads)
      throws EngineException {
    env = OrtEnvironment.getEnvironment();
    encoder = OnnxSessions.open(env, files.encoder(), encoderDevice, threads);
    OnnxSessions.Placed decoder = null;
    try {
      decoder = OnnxSessions.open(env, files.decoderJoint(), decoderDevice, threads);
      requireInputs(encoder.session(), ENCODER_INPUTS, files.encoder().getFileName().toString());
      requireInputs(
          decoder.session(), DECODER_INPUTS, files.decoderJoint().getFileName().toString());
      long[] state = shape(decoder.session().getInputInfo().get("input_states_1"));
      long[] out = shape(decoder.session().getOutputInfo().get("outputs"));
      if (state.length != 3 || state[0] <= 0 || state[2] <= 0 || out.length == 0) {
        throw new EngineException(
            files.decoderJoint().getFileName() + " has unexpected state or output shapes");
      }
      stateLayers = (int) state[0];
      stateSize = (int) state[2];
      jointOutputs = (int) out[out.length - 1];
    } catch (EngineException | OrtException | RuntimeException e) {
      closeQuietly(encoder);
      closeQuietly(decoder);
      throw e instanceof EngineException ee
          ? ee
          : new EngineException("Parakeet model at " + files.dir() + ": " + e.getMessage(), e);
    }
    decoderJoint = decoder;
  }

  String encoderDevice() {
    return encoder.device();
  }

  String decoderDevice() {
    return decoderJoint.device();
  }

  /** Logits per joint call (tokens, blank, durations), or -1 when the model leaves it open. */
  int jointOutputs() {
    return jointOutputs;
  }

  /** Runs the encoder on a batch of features, padded with zeros to the longest. */
  EncodedBatch encode(List<MelFeatures> batch) throws EngineException {
    int count = batch.size();
    int frames = 0;
    for (MelFeatures f : batch) {
      frames = Math.max(frames, f.frames());
    }
    int mels = LogMelSpectrogram.MELS;
    float[] input = new float[count * mels * frames];
    long[] lengths = new long[count];
    for (int b = 0; b < count; b++) {
      MelFeatures f = batch.get(b);
      for (int m = 0; m < mels; m++) {
        System.arraycopy(f.values(), m * f.frames(), input, (b * mels + m) * frames, f.frames());
      }
      lengths[b] = f.validFrames();
    }
    try (OnnxTensor signal =
            OnnxTensor.createTensor(
                env, FloatBuffer.wrap(input), new long[] {count, mels, frames});
        OnnxTensor length =
            OnnxTensor.createTensor(env, LongBuffer.wrap(lengths), new long[] {count});
        OrtSession.Result result =
            encoder.session().run(Map.of("audio_signal", signal, "length", length))) {
      OnnxTensor outputs = tensor(result, "outputs");
      long[] shape = outputs.getInfo().getShape();
      FloatBuffer values = outputs.getFloatBuffer();
      float[] copy = new float[values.remaining()];
      values.get(copy);
      LongBuffer encoded = tensor(result, "encoded_lengths").getLongBuffer();
      int[] encodedLengths = new int[count];
      for (int b = 0; b < count; b++) {
        encodedLengths[b] = (int) Math.min(shape[2], encoded.get(b));
      }
      return new EncodedBatch(copy, count, (int) shape[1], (int) shape[2], encodedLengths);
    } catch (OrtException e) {
      throw new EngineException("Parakeet encoder failed: " + e.getMessage(), e);
    }
  }

  /** The decoder/joint over one encoded batch, as the greedy decoder asks for it. */
  JointNetwork joint(EncodedBatch encoded) {
    return new JointNetwork() {
      @Override
      public PredictorState initialState() {
        return new PredictorState(
            new float[stateLayers * stateSize], new float[stateLayers * stateSize]);
      }

      @Override
      public List<Score> score(List<Query> queries) throws EngineException {
        return runJoint(encoded, queries);
      }
    };
  }

  private List<JointNetwork.Score> runJoint(EncodedBatch encoded, List<JointNetwork.Query> queries)
      throws EngineException {
    int n = queries.size();
    int dim = encoded.dim();
    float[] frames = new float[n * dim];
    int[] targets = new int[n];
    int[] targetLengths = new int[n];
    float[] states1 = new float[stateLayers * n * stateSize];
    float[] states2 = new float[stateLayers * n * stateSize];
    for (int q = 0; q < n; q++) {
      JointNetwork.Query query = queries.get(q);
      encoded.copyFrame(query.utterance(), query.frame(), frames, q * dim);
      targets[q] = query.lastToken();
      targetLengths[q] = 1;
      scatterState(query.state().first(), states1, q, n);
      scatterState(query.state().second(), states2, q, n);
    }
    long[] stateShape = {stateLayers, n, stateSize};
    try (OnnxTensor enc =
            OnnxTensor.createTensor(env, FloatBuffer.wrap(frames), new long[] {n, dim, 1});
        OnnxTensor tgt = OnnxTensor.createTensor(env, IntBuffer.wrap(targets), new long[] {n, 1});
        OnnxTensor tgtLen =
            OnnxTensor.createTensor(env, IntBuffer.wrap(targetLengths), new long[] {n});
        OnnxTensor s1 = OnnxTensor.createTensor(env, FloatBuffer.wrap(states1), stateShape);
        OnnxTensor s2 = OnnxTensor.createTensor(env, FloatBuffer.wrap(states2), stateShape);
        OrtSession.Result result =
            decoderJoint
                .session()
                .run(
                    Map.of(
                        "encoder_outputs", enc,
                        "targets", tgt,
                        "target_length", tgtLen,
                        "input_states_1", s1,
                        "input_states_2", s2))) {
      FloatBuffer logits = tensor(result, "outputs").getFloatBuffer();
      int k = logits.remaining() / n;
      float[] out1 = copy(tensor(result, "output_states_1").getFloatBuffer());
      float[] out2 = copy(tensor(result, "output_states_2").getFloatBuffer());
      List<JointNetwork.Score> scores = new ArrayList<>(n);
      for (int q = 0; q < n; q++) {
        float[] row = new float[k];
        logits.get(q * k, row);
        scores.add(
            new JointNetwork.Score(
                row,
                new JointNetwork.PredictorState(gatherState(out1, q, n), gatherState(out2, q, n))));
      }
      return scores;
    } catch (OrtException e) {
      throw new EngineException("Parakeet decoder/joint failed: " + e.getMessage(), e);
    }
  }

  /** One utterance's state [layers][size] into the batch tensor [layers][n][size]. */
  private void scatterState(float[] state, float[] batch, int q, int n) {
    for (int l = 0; l < stateLayers; l++) {
      System.arraycopy(state, l * stateSize, batch, (l * n + q) * stateSize, stateSize);
    }
  }

  private float[] gatherState(float[] batch, int q, int n) {
    float[] state = new float[stateLayers * stateSize];
    for (int l = 0; l < stateLayers; l++) {
      System.arraycopy(batch, (l * n + q) * stateSize, state, l * stateSize, stateSize);
    }
    return state;
  }

  private static float[] copy(FloatBuffer buffer) {
    float[] values = new float[buffer.remaining()];
    buffer.get(values);
    return values;
  }

  private static OnnxTensor tensor(OrtSession.Result result, String name) throws EngineException {
    OnnxValue value =
        result
            .get(name)
            .orElseThrow(() -> new EngineException("model output '" + name + "' missing"));
    if (!(value instanceof OnnxTensor tensor)) {
      throw new EngineException("model output '" + name + "' is not a tensor");
    }
    return tensor;
  }

  private static void requireInputs(OrtSession session, Set<String> names, String file)
      throws EngineException {
    if (!session.getInputNames().containsAll(names)) {
      throw new EngineException(
          file + " has inputs " + session.getInputNames() + ", expected " + names);
    }
  }

  private static long[] shape(NodeInfo info) throws EngineException {
    if (info == null || !(info.getInfo() instanceof TensorInfo tensor)) {
      throw new EngineException("model input/output missing or not a tensor");
    }
    return tensor.getShape();
  }

  private static void closeQuietly(OnnxSessions.Placed placed) {
    if (placed != null) {
      try {
        placed.session().close();
      } catch (OrtException e) {
        // closing after a failed load: nothing more to report than the load error
      }
    }
  }

  @Override
  public void close() {
    closeQuietly(encoder);
    closeQuietly(decoderJoint);
  }
}
