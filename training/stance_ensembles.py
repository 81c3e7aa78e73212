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
from train_stance import exported_dev_probabilities, scores_of, selection_score, vast  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("models", type=Path, nargs="+")
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    probs, examples = {}, None
    for m in args.models:
        probs[m], examples = exported_dev_probabilities(m, args.threads)
    # The rows and their labels are the same whatever the tokenizer.
    dev_examples, sem_examples, portrayal = examples
    dev = vast("dev")  # the zero-shot flags of its rows
    for size in range(1, len(args.models) + 1):
        for subset in itertools.combinations(args.models, size):
            mean = {k: np.mean([probs[m][k] for m in subset], axis=0) for k in probs[subset[0]]}
            s = scores_of(mean, dev, dev_examples, sem_examples, portrayal)
            print(f"{' + '.join(m.name for m in subset)}\tVAST dev {s['vast_dev_macro_f1']:.3f}"
                  f"\tzero-shot {s['vast_dev_zero_shot_macro_f1']:.3f}\tSemEval val {s['semeval_val_f_avg']:.3f}"
                  f"\tnews dev {s['news_dev_macro_f1']:.3f}\tselection {selection_score(s):.3f}", flush=True)


if __name__ == "__main__":
    main()
