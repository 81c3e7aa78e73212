"""Do the NER model's numeric spans help the number stage? (issue 28)

    python benches/num_spans.py [--model models/ner-onto] [--cases tests/fixtures/numbers_cases.tsv]

The joint NER model tags OntoNotes' numeric types (DATE, TIME, PERCENT,
MONEY, QUANTITY, ORDINAL, CARDINAL), which `claimsift ner` prints as NUM
spans. On the number corpus (each sentence and its expected mentions), this
measures them as span proposals for the number stage (`claimsift numbers`):
- recall: expected mentions a NUM span overlaps, beside the mentions the
  number stage finds (same text and offsets);
- precision: NUM spans that overlap an expected mention, beside the number
  stage's mentions that are expected;
- what they could add: expected mentions the number stage misses that a NUM
  span overlaps (proposals could recover at most these), and the number
  stage's extra mentions that no NUM span overlaps (a NUM filter could drop at
  most these, at the cost of the expected mentions NUM misses).
Mentions are compared by text span; the corpus's value, unit and kind checks
are `cargo test --test numbers_gold`'s job. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "claimsift"


def read_cases(path: Path) -> list[tuple[str, str, list[str]]]:
    """(category, sentence, expected mention texts) per sentence."""
    cases, category = {}, ""
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        if line.startswith("# ---"):
            category = line[5:].strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        entry = cases.setdefault(cols[0], (category, []))
        if len(cols) > 1 and cols[1]:
            entry[1].append(cols[1])
    return [(c, s, m) for s, (c, m) in cases.items()]


def spans_of(sentence: str, texts: list[str]) -> list[tuple[int, int]]:
    """Code point spans of `texts` in `sentence`, left to right, each after the last."""
    out, pos = [], 0
    for t in texts:
        i = sentence.find(t, pos)
        if i < 0:
            i = sentence.find(t)
        if i >= 0:
            out.append((i, i + len(t)))
            pos = i + len(t)
    return out


def run(cmd: list[str], sentences: list[str]) -> list[list[dict]]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8") as f:
        f.write("\n".join(sentences) + "\n")
        f.flush()
        out = subprocess.run(cmd + ["--lines", f.name], check=True, capture_output=True, text=True).stdout
    by_line = [[] for _ in sentences]
    for line in out.splitlines():
        obj = json.loads(line)
        items = obj.get("entities", [obj])  # ner: one object a line; numbers: one object a mention
        by_line[obj["line"] - 1].extend(items if "entities" in obj else [obj])
    return by_line


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, default=ROOT / "models" / "ner-onto")
    p.add_argument("--cases", type=Path, default=ROOT / "tests" / "fixtures" / "numbers_cases.tsv")
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    cases = read_cases(args.cases)
    sentences = [s for _, s, _ in cases]
    ner = run([str(BINARY), "ner", "--model", str(args.model), "--threads", "2"], sentences)
    numbers = run([str(BINARY), "numbers"], sentences)
    t = Counter()
    fine = Counter()
    for (category, sentence, expected), entities, found in zip(cases, ner, numbers):
        gold = spans_of(sentence, expected)
        num = [(e["start"], e["end"]) for e in entities if e["type"] == "NUM"]
        fine.update(e["fine_type"] for e in entities if e["type"] == "NUM")
        stage = [(m["start"], m["end"]) for m in found]
        t["expected"] += len(gold)
        t["num_spans"] += len(num)
        t["stage_mentions"] += len(stage)
        t["num_hits"] += sum(any(overlaps(g, n) for n in num) for g in gold)
        t["num_precise"] += sum(any(overlaps(n, g) for g in gold) for n in num)
        t["stage_hits"] += sum(g in stage for g in gold)
        t["stage_precise"] += sum(s in gold for s in stage)
        missed = [g for g in gold if not any(overlaps(g, s) for s in stage)]
        t["stage_missed"] += len(missed)
        t["missed_num_covers"] += sum(any(overlaps(g, n) for n in num) for g in missed)
        extra = [s for s in stage if not any(overlaps(s, g) for g in gold)]
        t["stage_extra"] += len(extra)
        t["extra_num_misses"] += sum(not any(overlaps(s, n) for n in num) for s in extra)
        t["expected_num_misses"] += sum(not any(overlaps(g, n) for n in num) for g in gold)
    print(json.dumps({"model": str(args.model), "sentences": len(cases), **t,
                      "num_recall": round(t["num_hits"] / t["expected"], 3),
                      "num_precision": round(t["num_precise"] / max(t["num_spans"], 1), 3),
                      "stage_recall": round(t["stage_hits"] / t["expected"], 3),
                      "stage_precision": round(t["stage_precise"] / max(t["stage_mentions"], 1), 3),
                      "num_fine_types": dict(fine.most_common())}, indent=1))


if __name__ == "__main__":
    main()
