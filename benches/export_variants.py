"""Export variants of one token-classification model side by side (issue 25).

    python benches/export_variants.py training/runs/fuse [--sentences 500] [--seed 0]

VARIANTS_DIR holds folders written by training/export.py from the same
Hugging Face folder (see benches/RESULTS.md for the commands): dyn (today's
export: dynamic int8), fdyn (--fuse), fstat (--fuse --static-int8). Each
folder's fp32 model.onnx is the reference; dyn's is used for all.

For each variant, on a seeded draw of CoNLL-2003 dev sentences (tokens joined
by spaces, encoded as the runtime encodes them): sequences/s with ONNX Runtime
in Python, one thread, at batch 1 and in length-sorted batches of 32 (best of
two rounds, variants alternating); argmax agreement of the token labels with
fp32 (real tokens); entity F1 against the CoNLL tags (seqeval, a word takes
its first sub-token's label); and how much a sentence's logits change when it
runs in a padded batch of 8 instead of alone (50 sentences). With --profile,
also ONNX Runtime's kernel time by operator for the int8 variants in sorted
batches of 32. A benchmark, not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort
from seqeval.metrics import f1_score
from transformers import AutoConfig

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benches"))
from bench_common import conll_documents  # noqa: E402
from common import load_tokenizer  # noqa: E402
from export import batch_dependence, model_inputs  # noqa: E402

VARIANTS = [("fp32 (reference)", "dyn", "model.onnx"),
            ("fp32 fused", "fdyn", "model.fused.onnx"),
            ("dynamic int8 (today)", "dyn", "model.int8.onnx"),
            ("fused + dynamic int8", "fdyn", "model.int8.onnx"),
            ("fused + static int8", "fstat", "model.int8.onnx")]


def session(path: Path) -> ort.InferenceSession:
    opts = ort.SessionOptions()
    opts.intra_op_num_threads = 1
    opts.inter_op_num_threads = 1
    return ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])


def run(sess, tok, config, items, batch: int) -> list[np.ndarray]:
    """Logits of each item (its real tokens), in batches of `batch` taken in the given order."""
    names = {i.name for i in sess.get_inputs()}
    out = []
    for start in range(0, len(items), batch):
        inputs = model_inputs(tok, config, items[start:start + batch])
        logits = sess.run(["logits"], {k: v for k, v in inputs.items() if k in names})[0]
        out += [logits[r, : inputs["attention_mask"][r].sum()] for r in range(len(logits))]
    return out


def kernel_shares(path: Path, tok, config, items) -> tuple[float, list[tuple[str, float]]]:
    """Total kernel time (ms) of one pass over `items` in batches of 32, and each operator's share."""
    import collections

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = opts.inter_op_num_threads = 1
    opts.enable_profiling = True
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    run(sess, tok, config, items, 32)
    trace = Path(sess.end_profiling())
    time_by_op = collections.Counter()
    for event in json.loads(trace.read_text()):
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
            time_by_op[event["args"]["op_name"]] += event["dur"]
    trace.unlink()
    total = sum(time_by_op.values())
    return total / 1e3, [(op, t / total) for op, t in time_by_op.most_common(7)]


def word_tags(tok, text: str, words: list[str], logits: np.ndarray, id2label: dict) -> list[str]:
    """A word's tag is its first sub-token's argmax label."""
    offsets = tok.encode(text).offsets
    starts = [sum(len(w) + 1 for w in words[:i]) for i in range(len(words))]
    first = {}
    for t, (s, e) in enumerate(offsets):
        if e > s and s not in first:
            first[s] = t
    return [id2label[int(logits[first[s]].argmax())] if s in first else "O" for s in starts]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("variants_dir", type=Path)
    p.add_argument("--sentences", type=int, default=500)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--json", type=Path, help="also write the figures here")
    p.add_argument("--profile", action="store_true", help="also print kernel time by operator of the int8 variants")
    args = p.parse_args()

    base = args.variants_dir / "dyn"
    tok = load_tokenizer(base)
    config = AutoConfig.from_pretrained(base)
    id2label = {int(k): v for k, v in config.id2label.items()}
    sentences = [s for doc in conll_documents() for s in doc]
    rng = np.random.default_rng(args.seed)
    picked = [sentences[i] for i in sorted(rng.choice(len(sentences), args.sentences, replace=False))]
    items = [(" ".join(words), None) for words, _ in picked]
    gold = [tags for _, tags in picked]
    by_length = sorted(range(len(items)), key=lambda i: len(tok.encode(items[i][0]).ids))
    sorted_items = [items[i] for i in by_length]
    tokens = sum(len(tok.encode(t).ids) for t, _ in items)

    sessions = {name: session(args.variants_dir / folder / file) for name, folder, file in VARIANTS}
    speed = {name: {1: 0.0, 32: 0.0} for name in sessions}
    for _ in range(2):
        for name, sess in sessions.items():
            for batch, order in ((1, items), (32, sorted_items)):
                t0 = time.perf_counter()
                run(sess, tok, config, order, batch)
                speed[name][batch] = max(speed[name][batch], len(items) / (time.perf_counter() - t0))

    reference = run(sessions["fp32 (reference)"], tok, config, items, 1)
    ref_labels = np.concatenate([r.argmax(-1) for r in reference])
    rows = []
    for name, folder, file in VARIANTS:
        alone = run(sessions[name], tok, config, items, 1)
        batched_sorted = run(sessions[name], tok, config, sorted_items, 32)
        batched = [None] * len(items)
        for pos, i in enumerate(by_length):
            batched[i] = batched_sorted[pos]
        pred = [word_tags(tok, items[i][0], picked[i][0], alone[i], id2label) for i in range(len(items))]
        drift = batch_dependence(args.variants_dir / folder / file, tok, config, items[:50], "token", batch=8)
        rows.append({
            "variant": name, "file": f"{folder}/{file}",
            "seq_per_s_batch1": round(speed[name][1], 1), "seq_per_s_sorted_batch32": round(speed[name][32], 1),
            "label_agreement_vs_fp32_batch1": float((np.concatenate([a.argmax(-1) for a in alone]) == ref_labels).mean()),
            "label_agreement_vs_fp32_sorted_batch32": float((np.concatenate([a.argmax(-1) for a in batched]) == ref_labels).mean()),
            "entity_f1_batch1": round(100 * f1_score(gold, pred), 2),
            "batch8_vs_alone_max_abs_logit_diff": float(drift.max()),
            "batch8_vs_alone_sentences_changed": int((drift > 1e-5).sum()),
        })
    print(f"{args.sentences} CoNLL-2003 dev sentences (seed {args.seed}), {tokens / len(items):.1f} tokens on average; "
          f"onnxruntime {ort.__version__}, 1 thread")
    print("| variant | seq/s batch 1 | seq/s sorted batch 32 | label agreement with fp32 (batch 1 / 32) | entity F1 | batch-8 vs alone: max |logit diff| (sentences of 50 changed) |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['variant']} | {r['seq_per_s_batch1']:.1f} | {r['seq_per_s_sorted_batch32']:.1f} | "
              f"{r['label_agreement_vs_fp32_batch1']:.4f} / {r['label_agreement_vs_fp32_sorted_batch32']:.4f} | "
              f"{r['entity_f1_batch1']:.2f} | {r['batch8_vs_alone_max_abs_logit_diff']:.2e} ({r['batch8_vs_alone_sentences_changed']}) |")
    if args.profile:
        print("\nKernel time by operator, sorted batches of 32 (ONNX Runtime profiler, 1 thread):")
        for name, folder, file in VARIANTS:
            if "int8" in name:
                total, shares = kernel_shares(args.variants_dir / folder / file, tok, config, sorted_items)
                print(f"- {name}: {total:.0f} ms; " + ", ".join(f"{op} {share:.0%}" for op, share in shares))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2) + "\n")


if __name__ == "__main__":
    main()
