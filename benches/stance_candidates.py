"""Stance model candidates side by side (issue 27): accuracy on every yardstick
the project has, and what each costs end to end.

    python benches/stance_candidates.py DIR[:fp32] [DIR[:fp32] ...] [--copies 20] [--threads 2]

Each candidate is an exported stance model folder, run as int8 (model.int8.onnx)
or, with `:fp32`, as fp32 (model.onnx). For each it prints:
- VAST dev macro-F1 (all rows and the zero-shot rows), SemEval-2016 val
  F_avg and the news dev macro-F1, as training/train_stance.py scores them
  (ONNX Runtime, one pair at a time, each model with its own tokenizer);
- the analysis dev set (training/analysis_stance.py): macro-F1 with its 95%
  bootstrap interval, and each candidate's difference from the first with a
  paired interval;
- the gold articles' stance rows through `claimsift eval --stance-model`;
- `claimsift run` on the sample articles copied `--copies` times, stance on:
  documents per second and (stance, entity) pairs scored.
(The last two only for int8: claimsift's `--precision` picks the file of
both models, and models/ner ships no fp32 file.)
Prints a markdown table. A benchmark, not a test: it reads ../shared/data and
takes minutes per candidate (an MPNet-size model about five times a MiniLM's).
"""
from __future__ import annotations

import argparse
import csv
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
import analysis_stance  # noqa: E402
from train_stance import LABELS, exported_dev_probabilities, scores_of, vast  # noqa: E402

BINARY = ROOT / "target" / "release" / "claimsift"


def parse_candidate(spec: str) -> tuple[Path, str]:
    folder, _, precision = spec.partition(":")
    if precision not in ("", "int8", "fp32"):
        raise SystemExit(f"{spec}: the precision after ':' is int8 or fp32")
    return Path(folder), precision or "int8"


def onnx_file(precision: str) -> str:
    return "model.onnx" if precision == "fp32" else "model.int8.onnx"


def dev_scores(model: Path, precision: str, threads: int) -> dict:
    probs, examples = exported_dev_probabilities(model, threads, onnx_file(precision))
    return scores_of(probs, vast("dev"), *examples)


def gold_stance(model: Path, precision: str, threads: int) -> dict:
    out = subprocess.run([BINARY, "eval", "--gold", ROOT / "tests" / "fixtures" / "gold", ROOT / "input", "--json",
                          "--stance-model", model, "--precision", precision, "--threads", str(threads)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["stance"]


def run_speed(model: Path, precision: str, threads: int, copies: int, tmp: Path) -> dict:
    corpus = tmp / "corpus"
    if not corpus.exists():
        corpus.mkdir()
        for k in range(copies):
            for article in sorted((ROOT / "input").glob("*.txt")):
                shutil.copy(article, corpus / f"{article.stem}-copy{k}.txt")
    out = tmp / "out"
    start = time.perf_counter()
    subprocess.run([BINARY, "run", corpus, "-o", out, "--stance-model", model, "--precision", precision,
                    "--threads", str(threads), "--quiet"], check=True)
    seconds = time.perf_counter() - start
    docs = len(list(corpus.iterdir()))
    with open(out / "entities.csv", encoding="utf-8", newline="") as f:
        pairs = sum(1 for row in csv.DictReader(f) if row["stance"])
    shutil.rmtree(out)
    return {"seconds": seconds, "docs_per_s": docs / seconds, "docs": docs, "stance_rows": pairs}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("candidates", nargs="+", help="model folder, optionally :fp32 or :int8 (the default)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--copies", type=int, default=20, help="copies of input/ for the speed run (20: 100 documents)")
    args = p.parse_args()
    candidates = [parse_candidate(c) for c in args.candidates]
    pairs = analysis_stance.labelled_pairs()
    gold = np.array([LABELS.index(pair["label"]) for pair in pairs])
    rows, first = [], None
    with tempfile.TemporaryDirectory() as tmp:
        for model, precision in candidates:
            name = f"{model} ({precision})"
            dev = dev_scores(model, precision, args.threads)
            pred = analysis_stance.predicted_labels(model, pairs, args.threads, onnx_file(precision))
            lo, hi = analysis_stance.bootstrap_interval(gold, [pred])
            analysis = f"{analysis_stance.macro_f1(gold, pred):.3f} [{lo:.3f}, {hi:.3f}]"
            if first is None:
                first, difference = pred, "–"
            else:
                dlo, dhi = analysis_stance.bootstrap_interval(gold, [first, pred])
                difference = (f"{analysis_stance.macro_f1(gold, pred) - analysis_stance.macro_f1(gold, first):+.3f}"
                              f" [{dlo:+.3f}, {dhi:+.3f}]")
            row = {"candidate": name, **dev, "analysis_macro_f1": analysis, "analysis_vs_first": difference}
            # claimsift's --precision picks the file of both models, and models/ner
            # ships no fp32 file, so an fp32 stance model cannot run in the pipeline.
            if precision == "int8":
                stance = gold_stance(model, precision, args.threads)
                row.update(gold=f"{stance['correct']}/{stance['rows']} ({stance['accuracy']:.3f})",
                           **run_speed(model, precision, args.threads, args.copies, Path(tmp)))
            print(json.dumps(row), file=sys.stderr, flush=True)
            rows.append(row)
    print("| candidate | VAST dev | zero-shot | SemEval val | news dev | analysis dev (95% CI) | vs first (paired CI) "
          "| gold stance | docs/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        speed = f"{r['docs_per_s']:.2f}" if "docs_per_s" in r else "n/a"
        print(f"| {r['candidate']} | {r['vast_dev_macro_f1']:.3f} | {r['vast_dev_zero_shot_macro_f1']:.3f} "
              f"| {r['semeval_val_f_avg']:.3f} | {r['news_dev_macro_f1']:.3f} | {r['analysis_macro_f1']} "
              f"| {r['analysis_vs_first']} | {r.get('gold', 'n/a')} "
              f"| {speed} |")


if __name__ == "__main__":
    main()
