"""Tune the thresholds with which `claimsift report` joins number mentions.

    python training/tune_report.py            # runs claimsift, prints the best settings

Runs `claimsift run` on the sample articles and the report fixtures together
(tests/fixtures/report/*/: mentions of one event and of unrelated events side
by side), then `claimsift report --pairs`, which writes every compared pair
with its measures (pairs.csv). Joins them to the hand labels in
tests/fixtures/report/pairs.tsv (same = 1: the two mentions state the same
quantity) and searches the grid of the four settings in
src/report/quantities.rs for the best F1 on the labelled pairs, ties broken
by the widest margin. Needs only the Python standard library and a release
build (`cargo build --release`).
"""
from __future__ import annotations

import csv
import itertools
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "report"
BINARY = ROOT / "target" / "release" / "claimsift"


def measures(out: Path) -> dict:
    subprocess.run([str(BINARY), "run", str(ROOT / "input"), str(FIXTURES), "-o", str(out), "--quiet"], check=True)
    subprocess.run([str(BINARY), "report", str(out), "--pairs"], check=True)
    return {(r["doc_a"], r["text_a"], r["doc_b"], r["text_b"]): r for r in csv.DictReader(open(out / "pairs.csv"))}


def main():
    with tempfile.TemporaryDirectory() as tmp:
        pairs = measures(Path(tmp))
    labelled = []
    for row in csv.DictReader(open(FIXTURES / "pairs.tsv"), delimiter="\t"):
        key = (row["doc_a"], row["text_a"], row["doc_b"], row["text_b"])
        m = pairs[key]
        labelled.append((key, row["same"] == "1", float(m["unit_similarity"]), float(m["context_similarity"]),
                         float(m["entity_overlap"]), float(m["event_overlap"])))
    grid = itertools.product(
        [x / 100 for x in range(30, 71, 5)],  # unit similarity
        [x / 10 for x in range(0, 6)],  # entity weight
        [x / 10 for x in range(0, 6)],  # event weight
    )
    best = None
    for unit_min, entity_w, event_w in grid:
        scored = [(same, u >= unit_min, c + entity_w * e + event_w * d) for _, same, u, c, e, d in labelled]
        # Best join threshold for these weights: between two sorted scores.
        candidates = sorted({s for _, ok, s in scored if ok})
        for low, high in zip(candidates, candidates[1:] + [candidates[-1] + 0.1]):
            threshold = (low + high) / 2
            tp = sum(1 for same, ok, s in scored if same and ok and s >= threshold)
            fp = sum(1 for same, ok, s in scored if not same and ok and s >= threshold)
            fn = sum(1 for same, ok, s in scored if same and not (ok and s >= threshold))
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            joined = [s for same, ok, s in scored if ok and s >= threshold]
            kept_apart = [s for same, ok, s in scored if ok and s < threshold]
            margin = min(joined, default=9) - max(kept_apart, default=-9)
            key = (f1, round(margin, 4))
            if best is None or key > best[0]:
                best = (key, dict(unit_min=unit_min, entity_weight=entity_w, event_weight=event_w,
                                  join_min=round(threshold, 3), tp=tp, fp=fp, fn=fn))
    (f1, margin), settings = best
    print(f"labelled pairs: {len(labelled)} ({sum(1 for l in labelled if l[1])} same)")
    print(f"best F1 {f1:.3f}, margin {margin:.3f}: {settings}")
    s = settings
    for key, same, u, c, e, d in labelled:
        joined = u >= s["unit_min"] and c + s["entity_weight"] * e + s["event_weight"] * d >= s["join_min"]
        if joined != same:
            print(f"  {'missed' if same else 'wrongly joined'}: {key}")


if __name__ == "__main__":
    main()
