"""CoNLL-2003 dev F1 of a model as the Rust runtime runs it (`claimsift ner`).

    python training/eval_ner_rust.py [--model models/ner] [--precision int8|fp32] [--save]

Each dev sentence (tokens joined by spaces) goes through `claimsift ner
--lines`; a CoNLL token gets B-/I-TYPE when a predicted span covers its first
character, and seqeval scores the entity-level exact match as conlleval does.
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


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=ROOT / "models" / "ner")
    p.add_argument("--precision", default="int8")
    p.add_argument("--threads", default="2")
    p.add_argument("--save", action="store_true", help="write training/runs/ner/rust_conll.json for the model card")
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    dev = read_conll(DATA / "conll2003" / "dev.txt")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
        f.write("\n".join(" ".join(tokens) for tokens, _ in dev) + "\n")
        f.flush()
        out = subprocess.run([str(ROOT / "target" / "release" / "claimsift"), "ner", "--lines", f.name, "--model", str(args.model),
                              "--precision", args.precision, "--threads", args.threads], check=True, capture_output=True, text=True).stdout
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(dev), (len(results), len(dev))
    predictions = []
    for (tokens, _), result in zip(dev, results):
        # Offsets are code points into the line: the same as Python str indices.
        starts, pos = [], 0
        for t in tokens:
            starts.append(pos)
            pos += len(t) + 1
        labels = ["O"] * len(tokens)
        for e in result["entities"]:
            inside = [i for i, s in enumerate(starts) if e["start"] <= s < e["end"]]
            for k, i in enumerate(inside):
                labels[i] = ("B-" if k == 0 else "I-") + e["type"]
        predictions.append(labels)
    gold = [tags for _, tags in dev]
    report = classification_report(gold, predictions, digits=4, output_dict=True)
    scores = {"dev_f1": round(100 * f1_score(gold, predictions), 2),
              "per_type": {t: round(100 * report[t]["f1-score"], 2) for t in ["PER", "ORG", "LOC", "MISC"]}}
    result = {"model": str(args.model), "precision": args.precision, **scores}
    print(json.dumps(result))
    if args.save:
        write_json(RUNS / "ner" / "rust_conll.json", result)


if __name__ == "__main__":
    main()
