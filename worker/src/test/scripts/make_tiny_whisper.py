#!/usr/bin/python3
"""Writes a tiny random-weight Whisper model in whisper.cpp's ggml format (the layout whisper.cpp
v1.7.1 loads: magic, hyper-parameters, mel filters, vocabulary, named tensors).

    /usr/bin/python3 make_tiny_whisper.py OUT_FILE

Multilingual vocabulary size (51865) so that whisper.cpp's special tokens sit where it expects
them; ASCII pieces only (whisper-jni hands text to Java as UTF-8). One encoder and one decoder
layer of width 32 in f16: about 4 MB. The output is deterministic garbage, but it goes through
the whole whisper_full path and comes back as segments with timestamps.
"""
import struct
import sys

import numpy as np

N_VOCAB = 51865
N_AUDIO_CTX = 1500
N_TEXT_CTX = 448
STATE = 32
HEADS = 2
LAYERS = 1
N_MELS = 80
N_FFT_BINS = 201
FTYPE_F16 = 1
F32, F16 = 0, 1
rng = np.random.default_rng(7)


def tensor(out, name, shape, ttype, scale=0.2):
    """shape in ggml order (ne0 fastest), as whisper.cpp declares the tensor."""
    count = int(np.prod(shape))
    data = rng.normal(0, scale, count)
    if name.endswith("ln.weight") or name.endswith("ln_post.weight") or "_ln.weight" in name:
        data = 1.0 + 0.1 * data
    out.write(struct.pack("<iii", len(shape), len(name.encode()), ttype))
    out.write(struct.pack("<" + "i" * len(shape), *shape))
    out.write(name.encode())
    out.write(data.astype(np.float16 if ttype == F16 else np.float32).tobytes())


def main():
    with open(sys.argv[1], "wb") as out:
        out.write(struct.pack("<I", 0x67676D6C))
        out.write(struct.pack("<11i", N_VOCAB, N_AUDIO_CTX, STATE, HEADS, LAYERS,
                              N_TEXT_CTX, STATE, HEADS, LAYERS, N_MELS, FTYPE_F16))
        out.write(struct.pack("<ii", N_MELS, N_FFT_BINS))
        out.write(rng.uniform(0, 0.05, N_MELS * N_FFT_BINS).astype(np.float32).tobytes())
        # the text tokens (ids below the end-of-text token); whisper.cpp names the specials itself
        n_text_tokens = 50257
        out.write(struct.pack("<i", n_text_tokens))
        for i in range(n_text_tokens):
            # whisper.cpp looks up " " by text (suppress_blank): GPT-2's id 220 is the space
            piece = b" " if i == 220 else (" w%d" % i).encode()
            out.write(struct.pack("<I", len(piece)))
            out.write(piece)

        s, s4 = STATE, 4 * STATE
        tensor(out, "encoder.positional_embedding", [s, N_AUDIO_CTX], F32)
        tensor(out, "encoder.conv1.weight", [3, N_MELS, s], F16)
        tensor(out, "encoder.conv1.bias", [1, s], F32)
        tensor(out, "encoder.conv2.weight", [3, s, s], F16)
        tensor(out, "encoder.conv2.bias", [1, s], F32)
        tensor(out, "encoder.ln_post.weight", [s], F32)
        tensor(out, "encoder.ln_post.bias", [s], F32)
        for i in range(LAYERS):
            p = "encoder.blocks.%d." % i
            attention(out, p + "attn", p + "attn_ln", s)
            mlp(out, p, s, s4)
        tensor(out, "decoder.positional_embedding", [s, N_TEXT_CTX], F32)
        tensor(out, "decoder.token_embedding.weight", [s, N_VOCAB], F16)
        tensor(out, "decoder.ln.weight", [s], F32)
        tensor(out, "decoder.ln.bias", [s], F32)
        for i in range(LAYERS):
            p = "decoder.blocks.%d." % i
            attention(out, p + "attn", p + "attn_ln", s)
            attention(out, p + "cross_attn", p + "cross_attn_ln", s)
            mlp(out, p, s, s4)


def attention(out, prefix, ln, s):
    tensor(out, ln + ".weight", [s], F32)
    tensor(out, ln + ".bias", [s], F32)
    tensor(out, prefix + ".query.weight", [s, s], F16)
    tensor(out, prefix + ".query.bias", [s], F32)
    tensor(out, prefix + ".key.weight", [s, s], F16)
    tensor(out, prefix + ".value.weight", [s, s], F16)
    tensor(out, prefix + ".value.bias", [s], F32)
    tensor(out, prefix + ".out.weight", [s, s], F16)
    tensor(out, prefix + ".out.bias", [s], F32)


def mlp(out, p, s, s4):
    tensor(out, p + "mlp_ln.weight", [s], F32)
    tensor(out, p + "mlp_ln.bias", [s], F32)
    tensor(out, p + "mlp.0.weight", [s, s4], F16)
    tensor(out, p + "mlp.0.bias", [s4], F32)
    tensor(out, p + "mlp.2.weight", [s4, s], F16)
    tensor(out, p + "mlp.2.bias", [s], F32)


if __name__ == "__main__":
    main()
