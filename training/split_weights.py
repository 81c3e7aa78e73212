"""Move an exported ONNX model's weights into external data files of at most
PART_MB each, so that a model over a git host's single-file limit (100 MB on
the common ones) can be committed.

    python training/split_weights.py MODEL_DIR/model.int8.onnx [--part-mb 90]

The graph stays in MODEL.onnx; the weights go to MODEL.onnx.data0, .data1...
beside it (ONNX external data, which ONNX Runtime reads when it loads the
graph from its file). The claimsift cache fingerprint hashes these files with
the graph (src/cache.rs). Fails, leaving the model as it was, unless the split
model's logits on export.py's parity texts equal the original's exactly.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

import numpy as np
import onnx
from onnx.external_data_helper import set_external_data
from transformers import AutoConfig

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import load_tokenizer  # noqa: E402
from export import PARITY_TEXTS, model_inputs, onnx_logits  # noqa: E402

# Offsets on page boundaries, so that a runtime may map each tensor in place.
ALIGNMENT = 4096
# Tensors smaller than this stay in the graph file.
INLINE_BYTES = 1024


def part_files(model: Path) -> list[Path]:
    """The external data files of `model` written by this script."""
    return sorted(model.parent.glob(model.name + ".data*"), key=lambda p: p.name)


def write_parts(model: onnx.ModelProto, out: Path, part_bytes: int) -> list[Path]:
    """Moves `model`'s large initializers into `out.name`.dataN files in
    `out`'s folder, each under `part_bytes` unless one tensor alone is larger,
    and returns those files. The model proto is changed in place."""
    parts: list[Path] = []
    handle = None
    written = 0
    for tensor in model.graph.initializer:
        data = tensor.raw_data
        if len(data) < INLINE_BYTES:
            continue
        start = -written % ALIGNMENT + written
        if handle is None or (written and start + len(data) > part_bytes):
            if handle is not None:
                handle.close()
            parts.append(out.parent / f"{out.name}.data{len(parts)}")
            handle = open(parts[-1], "wb")
            written = start = 0
        handle.write(b"\0" * (start - written))
        handle.write(data)
        set_external_data(tensor, parts[-1].name, offset=start, length=len(data))
        tensor.data_location = onnx.TensorProto.EXTERNAL
        tensor.ClearField("raw_data")
        written = start + len(data)
    if handle is not None:
        handle.close()
    return parts


def split(model_path: Path, part_bytes: int) -> list[Path]:
    """Splits `model_path` in place; returns the data files. The original
    is replaced only once the split copy gives the same logits."""
    folder = model_path.parent
    if part_files(model_path):
        raise SystemExit(f"{model_path} already has external data files ({part_files(model_path)[0].name}...): "
                         "re-export it before splitting again")
    model = onnx.load(str(model_path))
    with tempfile.TemporaryDirectory(dir=folder) as scratch:
        staged = Path(scratch) / model_path.name
        staged_parts = write_parts(model, staged, part_bytes)
        onnx.save(model, str(staged))
        inputs = model_inputs(load_tokenizer(folder), AutoConfig.from_pretrained(folder),
                              PARITY_TEXTS)
        before, after = onnx_logits(model_path, inputs), onnx_logits(staged, inputs)
        if not np.array_equal(before, after):
            raise SystemExit(f"the split model's logits differ from {model_path}'s by "
                             f"{np.abs(before - after).max():.2e}: left as it was")
        parts = [folder / p.name for p in staged_parts]
        for source, target in zip(staged_parts, parts):
            os.replace(source, target)
        os.replace(staged, model_path)
    return parts


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model", type=Path, help="an exported .onnx file (config.json and tokenizer.json beside it)")
    p.add_argument("--part-mb", type=float, default=90, help="largest data file, in MB (default 90)")
    args = p.parse_args()
    parts = split(args.model, int(args.part_mb * 1_000_000))
    print(", ".join(f"{q} {q.stat().st_size:,} bytes" for q in [args.model, *parts]))


if __name__ == "__main__":
    main()
