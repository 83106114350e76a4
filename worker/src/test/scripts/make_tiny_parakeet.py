#!/usr/bin/python3
"""Writes a tiny random Parakeet TDT model with the onnx-asr export's exact input/output signature.

Run with Debian's python3 (apt-get install python3-onnx python3-numpy):

    /usr/bin/python3 make_tiny_parakeet.py OUT_DIR [SPEECH.wav]

OUT_DIR receives nemo128.onnx (NeMo's log-mel preprocessor, written out op by op so that the
Java features can be checked against it), encoder-model.onnx, decoder_joint-model.onnx, vocab.txt
and config.json. The real dimensions (D=1024, H=640, 8192 pieces) are shrunk to D=16, H=8,
16 pieces; weights are random with a fixed seed, so the output is deterministic garbage.

With a 16 kHz mono 16-bit WAV, it also decodes that recording with a second, independent
implementation in numpy (NeMo features, the encoder and decoder/joint maths, the TDT greedy loop)
and writes the tokens to reference-tokens.json: the Java engine must arrive at the same tokens.
"""
import json
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17
SAMPLE_RATE = 16000
N_FFT = 512
WIN = 400
HOP = 160
N_MELS = 128
D = 16  # encoder width (1024 in the real model)
H = 8  # prediction network width (640)
PIECES = ["<unk>", "▁the", "▁a", "▁so", "▁my", "▁ask", "▁not", "▁what", "▁you", "r", "s",
          "▁can", "▁do", "▁for", ",", "."]
BLANK = len(PIECES)
DURATIONS = 5
rng = np.random.default_rng(1234)
WEIGHTS = {}


def slaney_mel_filters():
    """librosa.filters.mel(sr=16000, n_fft=512, n_mels=128, htk=False, norm='slaney')."""
    f_sp = 200.0 / 3
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0

    def hz_to_mel(f):
        return min_log_mel + np.log(f / min_log_hz) / logstep if f >= min_log_hz else f / f_sp

    def mel_to_hz(m):
        return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)

    fft_freqs = np.linspace(0, SAMPLE_RATE / 2, 1 + N_FFT // 2)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(0.0), hz_to_mel(SAMPLE_RATE / 2), N_MELS + 2))
    fdiff = np.diff(mel_f)
    ramps = mel_f[:, None] - fft_freqs[None, :]
    weights = np.zeros((N_MELS, 1 + N_FFT // 2))
    for i in range(N_MELS):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    weights *= (2.0 / (mel_f[2:N_MELS + 2] - mel_f[:N_MELS]))[:, None]
    return weights.astype(np.float32)


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def preprocessor():
    # symmetric 400-sample Hann (torch periodic=False), centred in the 512-point frame
    n = np.arange(WIN)
    hann = 0.5 - 0.5 * np.cos(2 * np.pi * n / (WIN - 1))
    window = np.zeros(N_FFT, dtype=np.float32)
    window[(N_FFT - WIN) // 2:(N_FFT - WIN) // 2 + WIN] = hann
    inits = [
        const("window", window),
        const("mel_t", slaney_mel_filters().T.copy()),
        const("preemph", np.array(0.97, dtype=np.float32)),
        const("guard", np.array(2.0 ** -24, dtype=np.float32)),
        const("hop", np.array(HOP, dtype=np.int64)),
        const("step", np.array([HOP], dtype=np.int64)),
        const("frame_len", np.array(N_FFT, dtype=np.int64)),
        const("pads", np.array([0, N_FFT // 2, 0, N_FFT // 2], dtype=np.int64)),
        const("zero_f", np.array(0.0, dtype=np.float32)),
        const("one_i", np.array(1, dtype=np.int64)),
        const("zero_i", np.array(0, dtype=np.int64)),
        const("eps", np.array(1e-5, dtype=np.float32)),
        const("axes1", np.array([1], dtype=np.int64)),
        const("axes2", np.array([2], dtype=np.int64)),
        const("axes_m1", np.array([-1], dtype=np.int64)),
        const("s0", np.array([0], dtype=np.int64)),
        const("s1", np.array([1], dtype=np.int64)),
        const("e1", np.array([1], dtype=np.int64)),
        const("e_m1", np.array([-1], dtype=np.int64)),
        const("big", np.array([1 << 62], dtype=np.int64)),
        const("re_idx", np.array(0, dtype=np.int64)),
        const("im_idx", np.array(1, dtype=np.int64)),
    ]
    nodes = [
        # pre-emphasis: y[0] = x[0], y[i] = x[i] - 0.97 x[i-1]
        helper.make_node("Slice", ["waveforms", "s0", "e1", "axes1"], ["x_first"]),
        helper.make_node("Slice", ["waveforms", "s1", "big", "axes1"], ["x_rest"]),
        helper.make_node("Slice", ["waveforms", "s0", "e_m1", "axes1"], ["x_prev"]),
        helper.make_node("Mul", ["x_prev", "preemph"], ["x_prev_scaled"]),
        helper.make_node("Sub", ["x_rest", "x_prev_scaled"], ["x_diff"]),
        helper.make_node("Concat", ["x_first", "x_diff"], ["emph"], axis=1),
        # samples beyond each row's length are zero
        helper.make_node("Shape", ["waveforms"], ["wave_shape"]),
        helper.make_node("Gather", ["wave_shape", "one_i"], ["n_samples"], axis=0),
        helper.make_node("Range", ["zero_i", "n_samples", "one_i"], ["sample_idx"]),
        helper.make_node("Unsqueeze", ["waveforms_lens", "axes1"], ["lens_col"]),
        helper.make_node("Less", ["sample_idx", "lens_col"], ["sample_mask"]),
        helper.make_node("Where", ["sample_mask", "emph", "zero_f"], ["masked"]),
        # centre padding and STFT
        helper.make_node("Pad", ["masked", "pads"], ["padded"], mode="constant"),
        helper.make_node("Unsqueeze", ["padded", "axes_m1"], ["signal"]),
        helper.make_node("STFT", ["signal", "step", "window", "frame_len"], ["spec"], onesided=1),
        helper.make_node("Gather", ["spec", "re_idx"], ["re"], axis=3),
        helper.make_node("Gather", ["spec", "im_idx"], ["im"], axis=3),
        helper.make_node("Mul", ["re", "re"], ["re2"]),
        helper.make_node("Mul", ["im", "im"], ["im2"]),
        helper.make_node("Add", ["re2", "im2"], ["power"]),
        helper.make_node("MatMul", ["power", "mel_t"], ["mel"]),
        helper.make_node("Add", ["mel", "guard"], ["mel_guarded"]),
        helper.make_node("Log", ["mel_guarded"], ["logmel_bft"]),
        helper.make_node("Transpose", ["logmel_bft"], ["logmel"], perm=[0, 2, 1]),
        # valid frames = samples // hop; per-feature normalisation over them (variance n-1)
        helper.make_node("Div", ["waveforms_lens", "hop"], ["features_lens"]),
        helper.make_node("Shape", ["logmel"], ["mel_shape"]),
        helper.make_node("Gather", ["mel_shape", "axes2"], ["n_frames_1"], axis=0),
        helper.make_node("Squeeze", ["n_frames_1"], ["n_frames"]),
        helper.make_node("Range", ["zero_i", "n_frames", "one_i"], ["frame_idx"]),
        helper.make_node("Less", ["frame_idx", "lens_frames_col"], ["frame_mask_2d"]),
        helper.make_node("Unsqueeze", ["features_lens", "axes1"], ["lens_frames_col"]),
        helper.make_node("Unsqueeze", ["frame_mask_2d", "axes1"], ["frame_mask"]),
        helper.make_node("Cast", ["frame_mask"], ["frame_mask_f"], to=TensorProto.FLOAT),
        helper.make_node("Cast", ["lens_frames_col"], ["count_col"], to=TensorProto.FLOAT),
        helper.make_node("Unsqueeze", ["count_col", "axes2"], ["count"]),
        helper.make_node("Mul", ["logmel", "frame_mask_f"], ["valid"]),
        helper.make_node("ReduceSum", ["valid", "axes2"], ["sum"], keepdims=1),
        helper.make_node("Div", ["sum", "count"], ["mean"]),
        helper.make_node("Sub", ["logmel", "mean"], ["centred"]),
        helper.make_node("Mul", ["centred", "frame_mask_f"], ["centred_valid"]),
        helper.make_node("Mul", ["centred_valid", "centred_valid"], ["sq"]),
        helper.make_node("ReduceSum", ["sq", "axes2"], ["sq_sum"], keepdims=1),
        helper.make_node("Sub", ["count", "one_f"], ["count_m1"]),
        helper.make_node("Div", ["sq_sum", "count_m1"], ["var"]),
        helper.make_node("Sqrt", ["var"], ["std"]),
        helper.make_node("Add", ["std", "eps"], ["std_eps"]),
        helper.make_node("Div", ["centred", "std_eps"], ["normalised"]),
        helper.make_node("Where", ["frame_mask", "normalised", "zero_f"], ["features"]),
    ]
    inits.append(const("one_f", np.array(1.0, dtype=np.float32)))
    # the nodes above are listed in reading order; ONNX wants them topologically sorted
    nodes = topological(nodes, {i.name for i in inits} | {"waveforms", "waveforms_lens"})
    graph = helper.make_graph(
        nodes, "nemo128",
        [helper.make_tensor_value_info("waveforms", TensorProto.FLOAT, ["B", "N"]),
         helper.make_tensor_value_info("waveforms_lens", TensorProto.INT64, ["B"])],
        [helper.make_tensor_value_info("features", TensorProto.FLOAT, ["B", N_MELS, "T"]),
         helper.make_tensor_value_info("features_lens", TensorProto.INT64, ["B"])],
        inits)
    return graph


def topological(nodes, available):
    ordered, pending, have = [], list(nodes), set(available)
    while pending:
        for node in pending:
            if all(i in have for i in node.input if i):
                ordered.append(node)
                have.update(node.output)
                pending.remove(node)
                break
        else:
            raise ValueError("graph has a cycle or a missing input")
    return ordered


def encoder():
    """Conv1d with kernel = stride = 8 and right padding 7: T' = ceil(T/8), like NeMo's 8x."""
    weight = rng.normal(0, 0.3, (D, N_MELS, 8)).astype(np.float32)
    bias = rng.normal(0, 0.1, (D,)).astype(np.float32)
    WEIGHTS.update(conv_w=weight, conv_b=bias)
    inits = [const("conv_w", weight), const("conv_b", bias),
             const("seven", np.array(7, dtype=np.int64)), const("eight", np.array(8, dtype=np.int64))]
    nodes = [
        helper.make_node("Conv", ["audio_signal", "conv_w", "conv_b"], ["conv"],
                         kernel_shape=[8], strides=[8], pads=[0, 7]),
        helper.make_node("Tanh", ["conv"], ["outputs"]),
        helper.make_node("Add", ["length", "seven"], ["len_7"]),
        helper.make_node("Div", ["len_7", "eight"], ["encoded_lengths"]),
    ]
    return helper.make_graph(
        nodes, "encoder",
        [helper.make_tensor_value_info("audio_signal", TensorProto.FLOAT, ["B", N_MELS, "T"]),
         helper.make_tensor_value_info("length", TensorProto.INT64, ["B"])],
        [helper.make_tensor_value_info("outputs", TensorProto.FLOAT, ["B", D, "T_out"]),
         helper.make_tensor_value_info("encoded_lengths", TensorProto.INT64, ["B"])],
        inits)


def decoder_joint():
    """A toy prediction network (two tanh 'layers' as the two LSTM states) and a joint."""
    k = BLANK + 1 + DURATIONS
    WEIGHTS.update(
        embedding=rng.normal(0, 1.0, (BLANK + 1, H)).astype(np.float32),
        w_enc=rng.normal(0, 1.0, (D, H)).astype(np.float32),
        w_out=rng.normal(0, 1.0, (H, k)).astype(np.float32))
    inits = [
        const("embedding", WEIGHTS["embedding"]),
        const("w_enc", WEIGHTS["w_enc"]),
        const("w_out", WEIGHTS["w_out"]),
        const("half", np.array(0.5, dtype=np.float32)),
        const("ax0", np.array([0], dtype=np.int64)),
        const("ax1", np.array([1], dtype=np.int64)),
        const("ax2", np.array([2], dtype=np.int64)),
        const("i1", np.array(1, dtype=np.int64)),
        const("out_shape", np.array([-1, 1, 1, k], dtype=np.int64)),
    ]
    nodes = [
        helper.make_node("Gather", ["embedding", "targets"], ["emb_b1h"], axis=0),
        helper.make_node("Squeeze", ["emb_b1h", "ax1"], ["emb"]),
        helper.make_node("Unsqueeze", ["emb", "ax0"], ["emb_1bh"]),
        helper.make_node("Add", ["input_states_1", "emb_1bh"], ["s1_sum"]),
        helper.make_node("Tanh", ["s1_sum"], ["output_states_1"]),
        helper.make_node("Mul", ["input_states_2", "half"], ["s2_half"]),
        helper.make_node("Add", ["s2_half", "output_states_1"], ["s2_sum"]),
        helper.make_node("Tanh", ["s2_sum"], ["output_states_2"]),
        helper.make_node("Gather", ["output_states_2", "i1"], ["dec"], axis=0),
        helper.make_node("Squeeze", ["encoder_outputs", "ax2"], ["enc"]),
        helper.make_node("MatMul", ["enc", "w_enc"], ["enc_h"]),
        helper.make_node("Add", ["enc_h", "dec"], ["joint_in"]),
        helper.make_node("Tanh", ["joint_in"], ["joint_h"]),
        helper.make_node("MatMul", ["joint_h", "w_out"], ["logits"]),
        helper.make_node("Reshape", ["logits", "out_shape"], ["outputs"]),
        helper.make_node("Identity", ["target_length"], ["prednet_lengths"]),
    ]
    return helper.make_graph(
        nodes, "decoder_joint",
        [helper.make_tensor_value_info("encoder_outputs", TensorProto.FLOAT, ["B", D, 1]),
         helper.make_tensor_value_info("targets", TensorProto.INT32, ["B", 1]),
         helper.make_tensor_value_info("target_length", TensorProto.INT32, ["B"]),
         helper.make_tensor_value_info("input_states_1", TensorProto.FLOAT, [2, "B", H]),
         helper.make_tensor_value_info("input_states_2", TensorProto.FLOAT, [2, "B", H])],
        [helper.make_tensor_value_info("outputs", TensorProto.FLOAT, ["B", 1, 1, k]),
         helper.make_tensor_value_info("prednet_lengths", TensorProto.INT32, ["B"]),
         helper.make_tensor_value_info("output_states_1", TensorProto.FLOAT, [2, "B", H]),
         helper.make_tensor_value_info("output_states_2", TensorProto.FLOAT, [2, "B", H])],
        inits)


def save(graph, path):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                              producer_name="cast2md make_tiny_parakeet.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, path)


def reference_features(samples):
    """NeMo's preprocessing in plain numpy (float64), independent of the ONNX graph above."""
    n = len(samples)
    x = np.concatenate([samples[:1], samples[1:] - 0.97 * samples[:-1]])
    x = np.pad(x, (N_FFT // 2, N_FFT // 2))
    window = np.zeros(N_FFT)
    window[(N_FFT - WIN) // 2:(N_FFT - WIN) // 2 + WIN] = np.hanning(WIN)
    frames = n // HOP + 1
    idx = np.arange(frames)[:, None] * HOP + np.arange(N_FFT)[None, :]
    power = np.abs(np.fft.rfft(x[idx] * window, axis=1)) ** 2
    logmel = np.log(power @ slaney_mel_filters().T.astype(np.float64) + 2.0 ** -24).T
    valid = n // HOP
    mean = logmel[:, :valid].mean(axis=1, keepdims=True)
    std = logmel[:, :valid].std(axis=1, ddof=1, keepdims=True) + 1e-5
    out = np.zeros_like(logmel)
    out[:, :valid] = (logmel[:, :valid] - mean) / std
    return out.astype(np.float32), valid


def reference_tokens(wav_path):
    import wave
    with wave.open(wav_path) as w:
        assert w.getframerate() == SAMPLE_RATE and w.getnchannels() == 1 and w.getsampwidth() == 2
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768
    features, valid = reference_features(samples)
    t_total = features.shape[1]
    padded = np.pad(features, ((0, 0), (0, 7)))
    frames_out = -(-t_total // 8)
    enc = np.stack([np.tanh(np.einsum("dck,ck->d", WEIGHTS["conv_w"], padded[:, 8 * t:8 * t + 8])
                            + WEIGHTS["conv_b"]) for t in range(frames_out)], axis=1)
    enc_len = (valid + 7) // 8
    s1, s2 = np.zeros((2, H), np.float32), np.zeros((2, H), np.float32)
    last, t, emitted, tokens = BLANK, 0, 0, []
    while t < enc_len:
        n1 = np.tanh(s1 + WEIGHTS["embedding"][last])
        n2 = np.tanh(0.5 * s2 + n1)
        logits = np.tanh(enc[:, t] @ WEIGHTS["w_enc"] + n2[1]) @ WEIGHTS["w_out"]
        token = int(np.argmax(logits[:BLANK + 1]))
        skip = int(np.argmax(logits[BLANK + 1:]))
        if token != BLANK:
            tokens.append([token, t, skip])
            s1, s2, last = n1, n2, token
            emitted += 1
        if skip > 0:
            t += skip
            emitted = 0
        elif token == BLANK or emitted == 10:
            t += 1
            emitted = 0
    return tokens


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    save(preprocessor(), os.path.join(out, "nemo128.onnx"))
    save(encoder(), os.path.join(out, "encoder-model.onnx"))
    save(decoder_joint(), os.path.join(out, "decoder_joint-model.onnx"))
    with open(os.path.join(out, "vocab.txt"), "w", encoding="utf-8") as f:
        for i, piece in enumerate(PIECES + ["<blk>"]):
            f.write(f"{piece} {i}\n")
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump({"model_type": "nemo-conformer-tdt", "features_size": N_MELS,
                   "subsampling_factor": 8, "max_tokens_per_step": 10}, f)
    if len(sys.argv) > 2:
        with open(os.path.join(out, "reference-tokens.json"), "w") as f:
            json.dump(reference_tokens(sys.argv[2]), f)


if __name__ == "__main__":
    main()
