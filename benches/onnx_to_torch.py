"""PyTorch fp32 models equal to the shipped ONNX ones, for the Python reference.

    python benches/onnx_to_torch.py models/ner OUT_DIR     # writes a Hugging Face folder

The fine-tuned PyTorch weights are not kept (only the ONNX export is), so
they are read back from the fp32 `model.onnx`, or, when that file (kept out
of git) is absent, from `model.int8.onnx` with its weights dequantized: the
same weights claimsift runs, computed in fp32. Named initializers map
to parameters by name, and the anonymous MatMul weights of the Linear layers
(`onnx::MatMul_NNN`, stored transposed) by the bias added to their output
(`...query.bias` → `...query.weight`). The model is built from the folder's
`config.json` (the exported Hugging Face config: type_vocab_size 4 for the
NER case feature). `check_parity` fails loudly unless the logits match the
fp32 export within 1e-4 on training/export.py's parity sentences; against the
int8 file it reports the gap that ONNX Runtime's activation quantization makes.
"""
import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
from common import load_tokenizer  # noqa: E402
from export import PARITY_TEXTS, model_inputs, onnx_logits  # noqa: E402

TOLERANCE = 1e-4


def model_class(config):
    from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification

    arch = (config.architectures or [""])[0]
    return AutoModelForTokenClassification if arch.endswith("ForTokenClassification") else AutoModelForSequenceClassification


def dequantized(weights: dict) -> dict:
    """The fp32 values of the int8 file's quantized initializers (`X_quantized`,
    `X_scale`, `X_zero_point` → `X`): per-tensor for embeddings, per output
    column for MatMul weights ([in, out] with a scale per out)."""
    out = dict(weights)
    for name in [n for n in weights if n.endswith("_quantized")]:
        base = name[: -len("_quantized")]
        scale, zero = weights[base + "_scale"], weights[base + "_zero_point"]
        out[base] = (weights[name].astype(np.float32) - zero.astype(np.float32)) * scale.astype(np.float32)
    return out


def onnx_to_torch(folder: Path, file: str = "model.onnx"):
    """A transformers model with the weights of folder/file: the fp32 export,
    or the int8 one with its weights dequantized (the weights claimsift runs,
    computed in fp32)."""
    import onnx
    from onnx import numpy_helper
    from transformers import AutoConfig

    onnx_file = folder / file
    if not onnx_file.exists():
        raise SystemExit(f"{onnx_file} is needed to rebuild the PyTorch model (training/export.py writes it)")
    config = AutoConfig.from_pretrained(folder)
    model = model_class(config).from_config(config).eval()
    graph = onnx.load(str(onnx_file)).graph
    weights = dequantized({i.name: numpy_helper.to_array(i) for i in graph.initializer})
    users = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            users[name].append(node)

    def bias_added_to(output: str) -> list[str]:
        """The bias initializer of the Add that the MatMul's output reaches (through
        the int8 graph's Cast and Mul of the scales)."""
        for node in users[output]:
            if node.op_type == "Add":
                return [x for x in node.input if x.endswith(".bias") and x in weights]
            if node.op_type in ("Cast", "Mul") and len(users[output]) == 1:
                return bias_added_to(node.output[0])
        return []

    # A Gemm with a named weight (pooler, sequence classifier) is stored [out, in]
    # as in PyTorch; quantized, it becomes a MatMulInteger on the [in, out] transpose.
    integer_matmul = {node.input[1].removesuffix("_quantized") for node in graph.node if node.op_type == "MatMulInteger"}
    state = {name: weights[name].T if name in integer_matmul else weights[name] for name in model.state_dict() if name in weights}
    for node in graph.node:
        if node.op_type not in ("MatMul", "MatMulInteger"):
            continue
        weight = node.input[1].removesuffix("_quantized")
        if weight not in weights or weight in state:
            continue
        biases = bias_added_to(node.output[0])
        if len(biases) != 1:
            raise SystemExit(f"cannot tell which layer the ONNX weight {weight} belongs to")
        state[biases[0][: -len(".bias")] + ".weight"] = weights[weight].T
    expected = model.state_dict()
    # Buffers (position ids) are not weights; every parameter must be found, with its shape.
    missing = [n for n, _ in model.named_parameters() if n not in state]
    wrong = [n for n, a in state.items() if tuple(a.shape) != tuple(expected[n].shape)]
    if missing or wrong:
        raise SystemExit(f"ONNX → PyTorch: parameters not found {missing}, wrong shape {wrong}")
    model.load_state_dict({n: torch.tensor(np.array(a)) for n, a in state.items()}, strict=False)
    return model


def check_parity(model, folder: Path, file: str = "model.onnx") -> float:
    """Largest |PyTorch − ONNX Runtime| logit on the parity texts. Against the
    fp32 export it must be under 1e-4; against the int8 file the gap is
    ONNX Runtime's quantization of the activations, so it is only reported."""
    task_pairs = model_class(model.config).__name__.endswith("SequenceClassification")
    items = [(t, p if task_pairs else None) for t, p in PARITY_TEXTS]
    inputs = model_inputs(load_tokenizer(folder), model.config, items)
    with torch.no_grad():
        ours = model(**{k: torch.from_numpy(v) for k, v in inputs.items()}).logits.numpy()
    theirs = onnx_logits(folder / file, inputs)
    worst = float(np.abs(ours - theirs).max())
    if file == "model.onnx" and not worst <= TOLERANCE:
        raise SystemExit(f"PyTorch model differs from {folder / file}: max |logit diff| {worst:.2e} > {TOLERANCE}")
    return worst


def source_file(folder: Path) -> str:
    """The fp32 export when it is there (it is kept out of git), else the int8 file."""
    return "model.onnx" if (folder / "model.onnx").exists() else "model.int8.onnx"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", type=Path, help="runtime model folder with model.onnx or model.int8.onnx, and config.json")
    p.add_argument("out", type=Path, help="Hugging Face folder to write")
    args = p.parse_args()
    file = source_file(args.folder)
    model = onnx_to_torch(args.folder, file)
    print(f"max |logit diff| vs ONNX Runtime on {file}: {check_parity(model, args.folder, file):.2e}")
    model.save_pretrained(args.out)


if __name__ == "__main__":
    main()
