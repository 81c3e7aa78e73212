"""Dev F1 of a NER model as the Rust runtime runs it (`claimsift ner`).

    python training/eval_ner_rust.py [--model models/ner] [--precision int8|fp32] [--ontonotes] [--save [--run DIR]]

Each dev sentence (tokens joined by spaces) goes through `claimsift ner
--lines`; a token gets B-/I-TYPE when a predicted span covers its first
character, and seqeval scores the entity-level exact match as conlleval does.
CoNLL-2003 dev is scored on each span's `type`. With --ontonotes, OntoNotes
5.0 dev is scored too, over all 18 OntoNotes types, on the spans of the
fine_type label set with their own edges (`claimsift ner --spans fine`), as
OntoNotes results are reported; this needs a model with that label set.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from seqeval.metrics import classification_report, f1_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, ROOT, RUNS, read_conll, write_json  # noqa: E402


def runtime_tags(sentences, args, field: str) -> list[list[str]]:
    """Per sentence, the tags `claimsift ner` gives its tokens, from each span's
    `field`; for `fine_type`, the fine label set's own spans (`--spans fine`)."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
        f.write("\n".join(" ".join(tokens) for tokens, _ in sentences) + "\n")
        f.flush()
        out = subprocess.run([str(ROOT / "target" / "release" / "claimsift"), "ner", "--lines", f.name, "--model", str(args.model),
                              "--precision", args.precision, "--threads", args.threads]
                             + (["--spans", "fine"] if field == "fine_type" else []), check=True, capture_output=True, text=True).stdout
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(sentences), (len(results), len(sentences))
    predictions = []
    for (tokens, _), result in zip(sentences, results):
        # Offsets are code points into the line: the same as Python str indices.
        starts, pos = [], 0
        for t in tokens:
            starts.append(pos)
            pos += len(t) + 1
        labels = ["O"] * len(tokens)
        for e in result["entities"]:
            # NUM spans (numeric OntoNotes types) are not CoNLL entities.
            if not e.get(field) or (field == "type" and e["type"] == "NUM"):
                continue
            inside = [i for i, s in enumerate(starts) if e["start"] <= s < e["end"]]
            for k, i in enumerate(inside):
                labels[i] = ("B-" if k == 0 else "I-") + e[field]
        predictions.append(labels)
    return predictions


def scores(sentences, predictions) -> dict:
    gold = [tags for _, tags in sentences]
    report = classification_report(gold, predictions, digits=4, output_dict=True, zero_division=0)
    kinds = sorted({t[2:] for tags in gold for t in tags if t != "O"})
    return {"dev_f1": round(100 * f1_score(gold, predictions), 2),
            "per_type": {t: round(100 * report[t]["f1-score"], 2) for t in kinds if t in report}}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=ROOT / "models" / "ner")
    p.add_argument("--precision", default="int8")
    p.add_argument("--threads", default="2")
    p.add_argument("--ontonotes", action="store_true", help="also score fine_type on OntoNotes 5.0 dev (18 types)")
    p.add_argument("--save", action="store_true", help="write RUN/rust_conll.json for the model card")
    p.add_argument("--run", type=Path, default=RUNS / "ner", help="the training run folder --save writes to [default: training/runs/ner]")
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    dev = read_conll(DATA / "conll2003" / "dev.txt")
    result = {"model": str(args.model), "precision": args.precision, **scores(dev, runtime_tags(dev, args, "type"))}
    if args.ontonotes:
        from train_ner import read_ontonotes

        onto = read_ontonotes(DATA / "ontonotes" / "dev.txt")
        onto_scores = scores(onto, runtime_tags(onto, args, "fine_type"))
        result["ontonotes_dev_f1"], result["ontonotes_per_type"] = onto_scores["dev_f1"], onto_scores["per_type"]
    print(json.dumps(result))
    if args.save:
        write_json(args.run / "rust_conll.json", result)


if __name__ == "__main__":
    main()
