"""Export a Hugging Face model folder to the runtime's model folder layout.

    python training/export.py HF_DIR OUT_DIR [--tokenizer tokenizer.json] [--task token|pair]
        [--fuse] [--static-int8 | --fixed-scales] [--calibration FILE [--calibration-size N] [--seed 0]]
        [--part-mb N]

Writes OUT_DIR/model.onnx (fp32), OUT_DIR/model.int8.onnx (dynamic int8
quantization of the weights, per channel), config.json and tokenizer.json (padding and
truncation off: the runtime pads per batch). Fails unless the ONNX fp32 logits
match PyTorch within 1e-4, and prints how often int8 and fp32 agree.

--fuse runs ONNX Runtime's transformer optimizer (BERT: attention, skip layer
norm, GELU, embedding layer norm) on the fp32 graph, writes it to
OUT_DIR/model.fused.onnx and quantizes that instead; fails unless its logits
match the unfused graph within 1e-4.

--static-int8 quantizes activations with fixed scales calibrated on
--calibration (a CoNLL file, or one text a line with a tab before the pair),
instead of per-batch scales, so that one sequence's output does not depend on
what it is batched with; it implies --fuse (attention stays fp32), and fails
unless no parity text's logits change by more than 1e-4 between running alone
and in a padded batch of 8.
--fixed-scales keeps the dynamic int8 model's operators but gives each
activation quantizer a fixed scale and zero point calibrated on --calibration
(training/fixed_scales.py: the 0.995 quantile of the texts' ranges), so that
the runtime can batch it; writes `claimsift_batch_independent` in config.json.
--part-mb N moves the int8 file's weights, if it is over N MB, into external
data files of at most N MB each (training/split_weights.py): git hosts refuse
files over 100 MB.
Without these flags the export is what it always was.
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
import torch
from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                      quantize_dynamic, quantize_static)
from transformers import AutoConfig, AutoModelForSequenceClassification, AutoModelForTokenClassification

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import case_type_ids, load_tokenizer, takes_token_types  # noqa: E402

PARITY_TEXTS = [
    ("Russian President Vladimir Putin met Ilham Aliyev in Moscow on Nov. 10.", "Putin"),
    ("The ceasefire deal was signed by Armenia, Azerbaijan and Russia.", "the ceasefire deal"),
    ("NATO and the EU said nothing.", "NATO"),
    ("Almost 2,000 Russian peacekeepers will stay for five years in Nagorno-Karabakh.", "Russia"),
]


def model_inputs(tok, config, items):
    """Batch of (text, pair) with the same encoding the Rust runtime uses."""
    encs = [tok.encode(t, p) if p is not None else tok.encode(t) for t, p in items]
    width = max(len(e.ids) for e in encs)
    ids = np.zeros((len(encs), width), dtype=np.int64)
    types = np.zeros_like(ids)
    mask = np.zeros_like(ids)
    for r, ((text, _), e) in enumerate(zip(items, encs)):
        ids[r, : len(e.ids)] = e.ids
        mask[r, : len(e.ids)] = 1
        if getattr(config, "claimsift_casing", None) == "word_case":
            types[r, : len(e.ids)] = case_type_ids(text, e.word_ids, e.offsets)
        else:
            types[r, : len(e.ids)] = e.type_ids
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


def onnx_logits(path: Path, inputs) -> np.ndarray:
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    names = {i.name for i in sess.get_inputs()}
    return sess.run(["logits"], {k: v for k, v in inputs.items() if k in names})[0]


def read_calibration_items(path: Path, size: int, seed: int, task: str) -> list[tuple[str, str | None]]:
    """`size` texts drawn with `seed` from a CoNLL file (its sentences, tokens
    joined by spaces) or from a file of one text a line (a tab before the pair)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if any(line.startswith("-DOCSTART-") for line in lines[:5]):
        items, words = [], []
        for line in lines + [""]:
            if not line.strip() or line.startswith("-DOCSTART-"):
                if words:
                    items.append((" ".join(words), None))
                words = []
            else:
                words.append(line.split()[0])
    else:
        items = [tuple(line.split("\t", 1)) if "\t" in line else (line, None) for line in lines if line.strip()]
    if task == "pair" and any(len(i) < 2 or i[1] is None for i in items):
        raise SystemExit(f"{path}: a pair model calibrates on pairs: write one text a line, a tab, then its pair")
    rng = np.random.default_rng(seed)
    picked = rng.choice(len(items), size=min(size, len(items)), replace=False)
    return [items[i] for i in sorted(picked)]


class SentenceReader(CalibrationDataReader):
    """One calibration text at a time, encoded as the runtime encodes it."""

    def __init__(self, tok, config, items, input_names):
        self.batches = iter([{k: v for k, v in model_inputs(tok, config, [item]).items() if k in input_names}
                             for item in items])

    def get_next(self):
        return next(self.batches, None)


def batch_dependence(path: Path, tok, config, items, task: str, batch: int = 8) -> np.ndarray:
    """Largest |logit change| of each item between running alone and in padded batches of `batch`."""
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    names = {i.name for i in sess.get_inputs()}

    def run(chunk):
        inputs = model_inputs(tok, config, chunk)
        return inputs["attention_mask"], sess.run(["logits"], {k: v for k, v in inputs.items() if k in names})[0]

    worst = np.zeros(len(items))
    for start in range(0, len(items), batch):
        chunk = items[start:start + batch]
        mask, batched = run(chunk)
        for r, item in enumerate(chunk):
            _, alone = run([item])
            together = batched[r, : alone.shape[1]] if task == "token" else batched[r]
            worst[start + r] = float(np.abs(together - alone[0]).max())
    return worst


def fuse(fp32: Path, fused: Path, config) -> None:
    from onnxruntime.transformers.optimizer import optimize_model

    if config.model_type != "bert":
        raise SystemExit(f"--fuse knows BERT graphs only; this model is {config.model_type!r}: export it without --fuse")

    # opt_level 0: only the optimizer's own fusions, no ONNX Runtime graph
    # rewrites tied to one machine's kernels; the runtime does those at load.
    model = optimize_model(str(fp32), model_type="bert", num_heads=config.num_attention_heads,
                           hidden_size=config.hidden_size, opt_level=0)
    print("fused operators:", json.dumps({k: v for k, v in model.get_fused_operator_statistics().items() if v}))
    # ONNX's shape inference does not know the fused (com.microsoft) operators;
    # ONNX Runtime's symbolic one does, and the quantizer needs every tensor's type.
    from onnxruntime.tools.symbolic_shape_infer import SymbolicShapeInference

    model.save_model_to_file(str(fused))  # adds the com.microsoft opset import
    onnx.save(SymbolicShapeInference.infer_shapes(onnx.load(str(fused)), auto_merge=True), str(fused))


def export(hf_dir: Path, out: Path, tokenizer: Path, task: str, fused: bool = False,
           calibration: list | None = None) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    config = AutoConfig.from_pretrained(hf_dir)
    cls = AutoModelForTokenClassification if task == "token" else AutoModelForSequenceClassification
    # The optimizer recognises attention in the eager graph, not in SDPA's.
    model = (cls.from_pretrained(hf_dir, attn_implementation="eager") if fused else cls.from_pretrained(hf_dir)).eval()
    tok = load_tokenizer(tokenizer.parent) if tokenizer.name == "tokenizer.json" else load_tokenizer(tokenizer)
    tok.save(str(out / "tokenizer.json"))
    shutil.copy(hf_dir / "config.json", out / "config.json")

    items = [(t, p if task == "pair" else None) for t, p in PARITY_TEXTS]
    inputs = model_inputs(tok, config, items)
    if not takes_token_types(model):  # MPNet, RoBERTa-style models
        del inputs["token_type_ids"]
    torch_inputs = {k: torch.from_numpy(v) for k, v in inputs.items()}
    dynamic = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        model,
        (torch_inputs,),  # a trailing dict is passed as keyword arguments, whatever the forward's parameter order
        str(out / "model.onnx"),
        input_names=list(torch_inputs),
        output_names=["logits"],
        dynamic_axes={
            **{name: dynamic for name in torch_inputs},
            "logits": {0: "batch", 1: "sequence"} if task == "token" else {0: "batch"},
        },
        opset_version=17,
        dynamo=False,
    )
    source = out / "model.onnx"
    if fused:
        fuse(source, out / "model.fused.onnx", config)
        source = out / "model.fused.onnx"
    # Per-channel scales: on the NER model, per-tensor int8 lost 0.50 dev F1
    # against fp32, per-channel 0.34, at the same size.
    if calibration is None:
        quantize_dynamic(str(source), str(out / "model.int8.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    else:
        # QOperator (QLinearMatMul, QAttention...) rather than QDQ: ONNX
        # Runtime's CPU kernels run it directly. Activations uint8 with one
        # fixed scale each, weights int8 symmetric per channel.
        quantize_static(str(source), str(out / "model.int8.onnx"),
                        SentenceReader(tok, config, calibration, set(torch_inputs)),
                        quant_format=QuantFormat.QOperator, per_channel=True,
                        activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        calibrate_method=CalibrationMethod.MinMax)

    with torch.no_grad():
        reference = model(**torch_inputs).logits.numpy()
    fp32 = onnx_logits(out / "model.onnx", inputs)
    int8 = onnx_logits(out / "model.int8.onnx", inputs)
    mask = inputs["attention_mask"].astype(bool) if task == "token" else np.ones(len(items), dtype=bool)
    diff = float(np.abs(fp32 - reference)[mask].max())
    agree = float((fp32.argmax(-1) == int8.argmax(-1))[mask].mean())
    report = {"fp32_max_abs_diff_vs_torch": diff, "int8_argmax_agreement_on_parity_texts": agree,
              "int8_max_abs_diff_vs_fp32": float(np.abs(int8 - fp32)[mask].max())}
    if fused:
        fused_diff = float(np.abs(onnx_logits(out / "model.fused.onnx", inputs) - fp32)[mask].max())
        report["fused_max_abs_diff_vs_fp32"] = fused_diff
    if calibration is not None:
        report["int8_max_abs_diff_alone_vs_batches_of_8"] = float(
            batch_dependence(out / "model.int8.onnx", tok, config, items + items, task).max())
    print(json.dumps(report, indent=2))
    if diff > 1e-4:
        raise SystemExit(f"ONNX fp32 logits differ from PyTorch by {diff:.2e} (> 1e-4)")
    if fused and report["fused_max_abs_diff_vs_fp32"] > 1e-4:
        raise SystemExit(f"fused fp32 logits differ from the unfused graph by {report['fused_max_abs_diff_vs_fp32']:.2e} (> 1e-4)")
    if calibration is not None and report["int8_max_abs_diff_alone_vs_batches_of_8"] > 1e-4:
        raise SystemExit("static int8 logits change with the batch by "
                         f"{report['int8_max_abs_diff_alone_vs_batches_of_8']:.2e} (> 1e-4): padding leaks into real tokens")
    return report


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("hf_dir", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--tokenizer", type=Path, help="tokenizer.json to ship (default: HF_DIR/tokenizer.json)")
    p.add_argument("--task", choices=["token", "pair"], required=True)
    p.add_argument("--fuse", action="store_true", help="fuse the fp32 graph with ONNX Runtime's transformer optimizer before quantizing")
    p.add_argument("--static-int8", action="store_true", help="static int8: fixed activation scales calibrated on --calibration")
    p.add_argument("--fixed-scales", action="store_true",
                   help="dynamic int8 with fixed activation scales calibrated on --calibration: batch-independent")
    p.add_argument("--calibration", type=Path,
                   help="CoNLL file, or one text a line (tab, pair), to calibrate --static-int8 or --fixed-scales on")
    p.add_argument("--calibration-size", type=int, help="texts drawn from --calibration (default 200, --fixed-scales 2000)")
    p.add_argument("--seed", type=int, default=0, help="seed of the calibration draw (default 0)")
    p.add_argument("--part-mb", type=float, help="if model.int8.onnx is larger, move its weights into data files of at most this many MB")
    args = p.parse_args()
    if (args.static_int8 or args.fixed_scales) and args.calibration is None:
        p.error("--static-int8 and --fixed-scales need --calibration FILE (e.g. the CoNLL train file)")
    if args.static_int8 and args.fixed_scales:
        p.error("--static-int8 and --fixed-scales are two ways to fix the scales: choose one")
    size = args.calibration_size or (2000 if args.fixed_scales else 200)
    calibration = (read_calibration_items(args.calibration, size, args.seed, args.task)
                   if args.static_int8 or args.fixed_scales else None)
    # --static-int8 fuses too: the static quantizer leaves the fused Attention
    # operator in fp32, whereas with attention left unfused it quantizes the attention
    # scores with one fixed scale, which lets padding leak into real tokens
    # (3.7 logits of change between a sentence alone and in a batch of 8).
    fused = args.fuse or args.static_int8
    export(args.hf_dir, args.out, args.tokenizer or args.hf_dir / "tokenizer.json", args.task, fused,
           calibration if args.static_int8 else None)
    if args.fixed_scales:
        from fixed_scales import write_fixed

        write_fixed(args.out, args.out, calibration, quantile=0.995)
    part_bytes = int((args.part_mb or 0) * 1_000_000)
    if part_bytes and (args.out / "model.int8.onnx").stat().st_size > part_bytes:
        from split_weights import split

        split(args.out / "model.int8.onnx", part_bytes)


if __name__ == "__main__":
    main()
