"""NER inference speed: claimsift (ONNX Runtime fp32 and int8, 1 and 2 threads)
against Python transformers + PyTorch fp32, same model and sentences, same run.

    .venv/bin/python benches/runtime.py [--sentences 3250] [--model models/ner]

Sentences: CoNLL-2003 dev as plain text, read from ../shared/data (never
committed). The model is the shipped NER model when its fp32 export
(model.onnx, kept out of git) is present, else MiniLM with a seeded random
9-label head exported here: speed does not depend on the weights. Prints a
table of sentences/s with ratios to PyTorch's best batch size, and the share
of tokens where int8 and fp32 labels agree. A random head's logits are near
ties, so its agreement says little about a trained model; when the stance
model's fp32 export is present (models/stance/model.onnx, written by its
training), the share of (entity, sentence) pairs of CoNLL-2003 dev where its
int8 and fp32 labels agree is printed too.
"""
import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
from bench_common import conll_documents, conll_sentences  # noqa: E402
from common import base_model_dir, case_type_ids, load_tokenizer  # noqa: E402
from onnx_to_torch import onnx_to_torch  # noqa: E402


def model_folder(args, tmp: Path) -> Path:
    if (args.model / "model.onnx").exists() and (args.model / "model.int8.onnx").exists():
        return args.model
    from transformers import AutoModelForTokenClassification

    torch.manual_seed(0)
    labels = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
    m = AutoModelForTokenClassification.from_pretrained(str(base_model_dir()), num_labels=9,
                                                        id2label=dict(enumerate(labels)), label2id={l: i for i, l in enumerate(labels)})
    m.save_pretrained(tmp / "hf")
    subprocess.run([sys.executable, str(ROOT / "training" / "export.py"), str(tmp / "hf"), str(tmp / "onnx"),
                    "--tokenizer", str(base_model_dir() / "tokenizer.json"), "--task", "token"], check=True, capture_output=True)
    return tmp / "onnx"


def claimsift(binary, folder, text_file, threads, precision, shared=False):
    cmd = [str(binary), "ner", "--lines", str(text_file), "--model", str(folder), "--threads", str(threads), "--precision", precision]
    if shared:
        cmd.append("--shared-session")
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return time.perf_counter() - t, out


def pytorch(folder, sentences, threads, batch_size):
    torch.set_num_threads(threads)
    model = onnx_to_torch(folder, "model.onnx")
    casing = getattr(model.config, "claimsift_casing", None) == "word_case"
    tok = load_tokenizer(folder)
    t = time.perf_counter()
    with torch.no_grad():
        for b in range(0, len(sentences), batch_size):
            batch = sentences[b : b + batch_size]
            encs = [tok.encode(s) for s in batch]
            width = max(len(e.ids) for e in encs)
            ids = torch.zeros(len(encs), width, dtype=torch.long)
            types = torch.zeros_like(ids)
            mask = torch.zeros_like(ids)
            for r, (s, e) in enumerate(zip(batch, encs)):
                ids[r, : len(e.ids)] = torch.tensor(e.ids)
                mask[r, : len(e.ids)] = 1
                if casing:
                    types[r, : len(e.ids)] = torch.tensor(case_type_ids(s, e.word_ids, e.offsets))
            model(input_ids=ids, token_type_ids=types, attention_mask=mask).logits.argmax(-1)
    return time.perf_counter() - t


def token_agreement(folder, sentences, threads):
    """Share of real tokens whose argmax label is the same in int8 and fp32."""
    import onnxruntime as ort

    casing = json.loads((folder / "config.json").read_text()).get("claimsift_casing") == "word_case"
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    sessions = [ort.InferenceSession(str(folder / n), opts, providers=["CPUExecutionProvider"]) for n in ["model.onnx", "model.int8.onnx"]]
    tok = load_tokenizer(folder)
    same = total = 0
    for s in sentences:
        e = tok.encode(s)
        types = case_type_ids(s, e.word_ids, e.offsets) if casing else [0] * len(e.ids)
        feed = {"input_ids": np.array([e.ids]), "attention_mask": np.ones((1, len(e.ids)), dtype=np.int64), "token_type_ids": np.array([types])}
        a, b = (sess.run(["logits"], feed)[0][0].argmax(-1) for sess in sessions)
        same += int((a == b).sum())
        total += len(a)
    return same / total


def entity_pairs(n: int) -> list[tuple[str, str]]:
    """(first entity, sentence) for the first n CoNLL-2003 dev sentences that name one."""
    pairs = []
    for doc in conll_documents():
        for tokens, tags in doc:
            start = next((i for i, t in enumerate(tags) if t.startswith("B-")), None)
            if start is not None:
                end = next((i for i in range(start + 1, len(tags)) if not tags[i].startswith("I-")), len(tags))
                pairs.append((" ".join(tokens[start:end]), " ".join(tokens)))
    return pairs[:n]


def pair_agreement(folder: Path, pairs, threads: int) -> float:
    """Share of (target, text) pairs whose argmax label is the same in int8 and fp32."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    sessions = [ort.InferenceSession(str(folder / n), opts, providers=["CPUExecutionProvider"]) for n in ["model.onnx", "model.int8.onnx"]]
    tok = load_tokenizer(folder)
    same = 0
    for target, text in pairs:
        e = tok.encode(target, text)
        feed = {"input_ids": np.array([e.ids]), "attention_mask": np.ones((1, len(e.ids)), dtype=np.int64), "token_type_ids": np.array([e.type_ids])}
        a, b = (sess.run(["logits"], feed)[0][0].argmax() for sess in sessions)
        same += int(a == b)
    return same / len(pairs)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sentences", type=int, default=3250)
    p.add_argument("--model", type=Path, default=ROOT / "models" / "ner")
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "claimsift"
    sentences = conll_sentences(args.sentences)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folder = model_folder(args, tmp)
        text_file = tmp / "sentences.txt"
        text_file.write_text("\n".join(sentences) + "\n", encoding="utf-8")
        n = len(sentences)
        print(f"{n} CoNLL-2003 dev sentences, model {folder}")
        rows = []
        best_torch = 0.0
        for batch in [1, 8, 32]:
            secs = pytorch(folder, sentences, 2, batch)
            rows.append((f"PyTorch fp32, 2 threads, batch {batch}", n / secs))
            best_torch = max(best_torch, n / secs)
        empty = tmp / "empty.txt"
        empty.write_text("\n")
        for precision in ["fp32", "int8"]:
            for threads in [1, 2]:
                startup, _ = claimsift(binary, folder, empty, threads, precision)
                secs, _ = claimsift(binary, folder, text_file, threads, precision)
                rows.append((f"claimsift {precision}, {threads} thread{'s' if threads > 1 else ''} (startup {startup:.2f} s included)", n / secs))
        secs, _ = claimsift(binary, folder, text_file, 2, "int8", shared=True)
        rows.append(("claimsift int8, 2 threads, one shared session", n / secs))
        print("| configuration | sentences/s | × PyTorch fp32 best batch |\n|---|---|---|")
        for name, rate in rows:
            print(f"| {name} | {rate:.0f} | {rate / best_torch:.2f} |")
        head = "shipped model" if folder == args.model else "random head"
        print(f"int8 vs fp32 argmax label agreement ({head}): {100 * token_agreement(folder, sentences, 2):.2f}% of tokens")
    stance = ROOT / "models" / "stance"
    if (stance / "model.onnx").exists():
        pairs = entity_pairs(2000)
        print(f"stance model int8 vs fp32 label agreement: {100 * pair_agreement(stance, pairs, 2):.2f}% of {len(pairs)} (entity, sentence) pairs")


if __name__ == "__main__":
    main()
