"""Give a dynamically quantized int8 model fixed activation scales, so that a
sequence's logits no longer depend on what it is batched with.

    python training/fixed_scales.py MODEL_DIR OUT_DIR --calibration FILE
        [--calibration-size 400] [--seed 0] [--quantile 1.0] [--margin 0.0]

MODEL_DIR holds model.int8.onnx as training/export.py writes it (dynamic
quantization: every MatMul's input goes through DynamicQuantizeLinear, which
takes one scale and zero point from the min and max of the whole batch).
This replaces each DynamicQuantizeLinear by QuantizeLinear with a constant
scale and zero point: the range of that tensor over --calibration texts (a
CoNLL file, or one text a line with a tab before the pair), each run alone,
widened by --margin (a fraction of the range on each side). Nothing else
changes: weights, the integer matmuls and their float outputs are the same,
so ONNX Runtime still fuses them (MatMulIntegerToFloat), and every other
operator works row by row or under the attention mask.

OUT_DIR gets model.int8.onnx, tokenizer.json and config.json with
`"claimsift_batch_independent": true`, which lets the runtime batch it. Fails
unless the parity texts' logits are bit-identical alone and in padded batches
of 8; prints label agreement with the dynamic model on the calibration texts.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper
from transformers import AutoConfig

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import load_tokenizer  # noqa: E402
from export import PARITY_TEXTS, batch_dependence, model_inputs, read_calibration_items  # noqa: E402


def session(model: onnx.ModelProto | Path) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    source = model.SerializeToString() if isinstance(model, onnx.ModelProto) else str(model)
    return ort.InferenceSession(source, opts, providers=["CPUExecutionProvider"])


def activation_ranges(model: onnx.ModelProto, tok, config, items, quantile: float) -> dict[str, tuple[float, float]]:
    """Range of each DynamicQuantizeLinear input over `items`, each run alone:
    the `quantile` of the items' maxima and the 1 - `quantile` of their minima
    (1.0: the overall min and max)."""
    probe = onnx.ModelProto()
    probe.CopyFrom(model)
    names = [n.input[0] for n in probe.graph.node if n.op_type == "DynamicQuantizeLinear"]
    for name in names:
        probe.graph.output.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))
    sess = session(probe)
    inputs_wanted = {i.name for i in sess.get_inputs()}
    lows = {n: [] for n in names}
    highs = {n: [] for n in names}
    for item in items:
        inputs = {k: v for k, v in model_inputs(tok, config, [item]).items() if k in inputs_wanted}
        for name, value in zip(names, sess.run(names, inputs)):
            lows[name].append(float(value.min()))
            highs[name].append(float(value.max()))
    return {n: (float(np.quantile(lows[n], 1.0 - quantile)), float(np.quantile(highs[n], quantile))) for n in names}


def uint8_scale(lo: float, hi: float, margin: float) -> tuple[float, int]:
    """Scale and zero point as DynamicQuantizeLinear derives them (range
    widened to hold 0), on the calibrated range widened by `margin`."""
    width = hi - lo
    lo, hi = min(0.0, lo - margin * width), max(0.0, hi + margin * width)
    scale = (hi - lo) / 255.0 if hi > lo else 1.0
    zero_point = int(np.clip(np.round(-lo / scale), 0, 255))
    return float(np.float32(scale)), zero_point


def fix_scales(model: onnx.ModelProto, ranges: dict[str, tuple[float, float]], margin: float) -> onnx.ModelProto:
    """`model` with each DynamicQuantizeLinear replaced by QuantizeLinear on constant scales."""
    fixed = onnx.ModelProto()
    fixed.CopyFrom(model)
    nodes = []
    for node in fixed.graph.node:
        if node.op_type != "DynamicQuantizeLinear":
            nodes.append(node)
            continue
        quantized, scale_name, zero_name = node.output
        scale, zero_point = uint8_scale(*ranges[node.input[0]], margin)
        # The constants take the names of the outputs they replace, so the
        # matmuls and scale products that read them stay as they are.
        fixed.graph.initializer.append(numpy_helper.from_array(np.array(scale, dtype=np.float32), scale_name))
        fixed.graph.initializer.append(numpy_helper.from_array(np.array(zero_point, dtype=np.uint8), zero_name))
        nodes.append(helper.make_node("QuantizeLinear", [node.input[0], scale_name, zero_name], [quantized],
                                      name=(node.name or quantized) + "_fixed"))
    del fixed.graph.node[:]
    fixed.graph.node.extend(nodes)
    onnx.checker.check_model(fixed)
    return fixed


def label_agreement(a: ort.InferenceSession, b: ort.InferenceSession, tok, config, items, task: str) -> float:
    names = {i.name for i in a.get_inputs()}
    same = total = 0
    for item in items:
        inputs = {k: v for k, v in model_inputs(tok, config, [item]).items() if k in names}
        la, lb = (s.run(["logits"], inputs)[0].argmax(-1) for s in (a, b))
        same += int((la == lb).sum())
        total += la.size
    return same / max(total, 1)


def task_of(config) -> str:
    """"token" for a token classification model, else "pair" (export.py's --task)."""
    return "token" if config.architectures and "TokenClassification" in config.architectures[0] else "pair"


def write_fixed(model_dir: Path, out: Path, items, quantile: float = 1.0, margin: float = 0.0) -> dict:
    """OUT with MODEL_DIR's dynamic int8 model on fixed scales calibrated on
    `items` ((text, pair or None) tuples); returns the checks' figures and
    fails unless the parity texts are batch-independent."""
    config = AutoConfig.from_pretrained(model_dir)
    task = task_of(config)
    tok = load_tokenizer(model_dir)
    dynamic = onnx.load(str(model_dir / "model.int8.onnx"))
    if not any(n.op_type == "DynamicQuantizeLinear" for n in dynamic.graph.node):
        raise SystemExit(f"{model_dir}/model.int8.onnx has no DynamicQuantizeLinear: not a dynamic int8 export")
    ranges = activation_ranges(dynamic, tok, config, items, quantile)
    fixed = fix_scales(dynamic, ranges, margin)
    out.mkdir(parents=True, exist_ok=True)
    if out.resolve() != model_dir.resolve():
        shutil.copy(model_dir / "tokenizer.json", out / "tokenizer.json")
    agreement = label_agreement(session(dynamic), session(fixed), tok, config, items[:200], task)
    onnx.save(fixed, str(out / "model.int8.onnx"))
    card = json.loads((model_dir / "config.json").read_text())
    card["claimsift_batch_independent"] = True
    (out / "config.json").write_text(json.dumps(card, indent=2) + "\n")

    parity = [(t, q if task == "pair" else None) for t, q in PARITY_TEXTS]
    worst = float(batch_dependence(out / "model.int8.onnx", tok, config, parity + parity, task).max())
    report = {"quantizers_fixed": len(ranges), "calibration_texts": len(items), "quantile": quantile, "margin": margin,
              "max_abs_diff_alone_vs_batches_of_8": worst,
              "label_agreement_with_dynamic_on_calibration": round(agreement, 5)}
    print(json.dumps(report, indent=2))
    if worst != 0.0:
        raise SystemExit(f"logits change with the batch by {worst:.2e}: not batch-independent")
    return report


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model_dir", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--calibration", type=Path, required=True)
    p.add_argument("--calibration-size", type=int, default=400)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--quantile", type=float, default=1.0,
                   help="range: this quantile of the texts' maxima (and 1 - it of their minima); 1.0: min and max")
    p.add_argument("--margin", type=float, default=0.0, help="widen each range by this fraction on both sides")
    args = p.parse_args()
    items = read_calibration_items(args.calibration, args.calibration_size, args.seed,
                                   task_of(AutoConfig.from_pretrained(args.model_dir)))
    write_fixed(args.model_dir, args.out, items, args.quantile, args.margin)


if __name__ == "__main__":
    main()
