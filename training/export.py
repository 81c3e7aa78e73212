"""Export a Hugging Face model folder to the runtime's model folder layout.

    python training/export.py HF_DIR OUT_DIR [--tokenizer tokenizer.json] [--task token|pair]

Writes OUT_DIR/model.onnx (fp32), OUT_DIR/model.int8.onnx (dynamic int8
quantization of the weights, per channel), config.json and tokenizer.json (padding and
truncation off: the runtime pads per batch). Fails unless the ONNX fp32 logits
match PyTorch within 1e-4, and prints how often int8 and fp32 agree.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
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


def export(hf_dir: Path, out: Path, tokenizer: Path, task: str) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    config = AutoConfig.from_pretrained(hf_dir)
    cls = AutoModelForTokenClassification if task == "token" else AutoModelForSequenceClassification
    model = cls.from_pretrained(hf_dir).eval()
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
    # Per-channel scales: on the NER model, per-tensor int8 lost 0.50 dev F1
    # against fp32, per-channel 0.34, at the same size.
    quantize_dynamic(str(out / "model.onnx"), str(out / "model.int8.onnx"), weight_type=QuantType.QInt8, per_channel=True)

    with torch.no_grad():
        reference = model(**torch_inputs).logits.numpy()
    fp32 = onnx_logits(out / "model.onnx", inputs)
    int8 = onnx_logits(out / "model.int8.onnx", inputs)
    mask = inputs["attention_mask"].astype(bool) if task == "token" else np.ones(len(items), dtype=bool)
    diff = float(np.abs(fp32 - reference)[mask].max())
    agree = float((fp32.argmax(-1) == int8.argmax(-1))[mask].mean())
    report = {"fp32_max_abs_diff_vs_torch": diff, "int8_argmax_agreement_on_parity_texts": agree,
              "int8_max_abs_diff_vs_fp32": float(np.abs(int8 - fp32)[mask].max())}
    print(json.dumps(report, indent=2))
    if diff > 1e-4:
        raise SystemExit(f"ONNX fp32 logits differ from PyTorch by {diff:.2e} (> 1e-4)")
    return report


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("hf_dir", type=Path)
    p.add_argument("out", type=Path)
    p.add_argument("--tokenizer", type=Path, help="tokenizer.json to ship (default: HF_DIR/tokenizer.json)")
    p.add_argument("--task", choices=["token", "pair"], required=True)
    args = p.parse_args()
    export(args.hf_dir, args.out, args.tokenizer or args.hf_dir / "tokenizer.json", args.task)


if __name__ == "__main__":
    main()
