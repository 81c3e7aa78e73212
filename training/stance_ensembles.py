"""Scores every ensemble (mean of probabilities) of exported stance models on dev.

    python training/stance_ensembles.py DIR [DIR ...]

Each DIR is an exported stance model folder (model.int8.onnx), run one row at a
time as the runtime runs int8. Prints, for every non-empty subset of the
folders, VAST dev macro-F1 (all and zero-shot rows), SemEval val F_avg, news
dev macro-F1 and the selection score (mean of VAST and news dev), as the
training scripts compute them. It measures how far averaging the models
trained here gets, at the cost of one encoder pass per model.
"""
from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import base_model_dir, load_tokenizer  # noqa: E402
from news_stance import labelled_pairs  # noqa: E402
from train_stance import encode, onnx_predictor, scores, selection_score, semeval, vast  # noqa: E402


def remembering(predict_batch):
    """predict_batch that runs each distinct input once, so every subset of
    models reuses the probabilities already computed."""
    seen = {}

    def run(rows):
        keys = [(tuple(r[0]), tuple(r[1])) for r in rows]
        todo = {k: r for k, r in zip(keys, rows) if k not in seen}
        if todo:
            seen.update(zip(todo, predict_batch(list(todo.values()))))
        return np.array([seen[k] for k in keys])
    return run


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("models", type=Path, nargs="+")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    tok = load_tokenizer(base_model_dir())
    dev, sem = vast("dev"), semeval("val")
    dev_examples, sem_examples = encode(tok, dev, 512), encode(tok, sem, 512)
    news = {"news": encode(tok, labelled_pairs(dev=True), 512)}
    predictors = {m: remembering(onnx_predictor(m / "model.int8.onnx", args.threads)) for m in args.models}
    for size in range(1, len(args.models) + 1):
        for subset in itertools.combinations(args.models, size):
            def mean_of_subset(rows, subset=subset):
                return np.mean([predictors[m](rows) for m in subset], axis=0)
            s = scores(mean_of_subset, dev, dev_examples, sem, sem_examples, news)
            print(f"{' + '.join(m.name for m in subset)}\tVAST dev {s['vast_dev_macro_f1']:.3f}"
                  f"\tzero-shot {s['vast_dev_zero_shot_macro_f1']:.3f}\tSemEval val {s['semeval_val_f_avg']:.3f}"
                  f"\tnews dev {s['news_dev_macro_f1']:.3f}\tselection {selection_score(s):.3f}", flush=True)


if __name__ == "__main__":
    main()
