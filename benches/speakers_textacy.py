"""Speaker attribution side by side: claimsift against textacy's
`direct_quotations` (on a spaCy en_core_web_md parse) on the hand-labelled
corpus tests/fixtures/speakers_cases.tsv.

Each case (its sentence, with the sentences before and after it where its
form needs them) is one document. textacy finds direct quotations only and
gives the speaker as written (no coreference, no canonical names); a case
counts as right when the speaker found for the case's sentence matches the
gold with the rule `claimsift eval` uses (`same_speaker` in src/speakers:
equal ignoring case and a leading "the", or for names one ending with the
other). Scored on textacy's own ground (the direct-quote forms) and overall.

    /work/venvs/train/bin/pip install textacy   # plus spaCy and en_core_web_md, see benches/pipeline.py
    /work/venvs/train/bin/python benches/speakers_textacy.py [--json benches/speakers_textacy.json]
"""

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pipeline import BINARY, ROOT, build, spacy_model  # noqa: E402

CASES = ROOT / "tests" / "fixtures" / "speakers_cases.tsv"
DIRECT_QUOTE_FORMS = ["quote_before", "quote_after", "quote_middle", "multi_sentence"]


def same_speaker(predicted: str, gold: str) -> bool:
    def fold(s):
        s = s.strip().lower().replace("’", "'")
        return s[4:] if s.startswith("the ") else s

    p, g = fold(predicted), fold(gold)
    if p == g:
        return True
    long, short, original = (p, g, gold) if len(p) > len(g) else (g, p, predicted)
    original = original.strip()
    original = original[4:] if original.startswith("the ") else original
    is_name = bool(original) and original.split()[0][:1].isupper()
    return bool(short) and is_name and long.endswith(short) and long[: -len(short)].endswith(" ")


def read_cases():
    with open(CASES, encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        parts = [p for p in (r["before"], r["sentence"], r["after"]) if p]
        r["text"] = " ".join(parts)
        r["start"] = len(r["before"]) + 1 if r["before"] else 0
        r["end"] = r["start"] + len(r["sentence"])
    return rows


def textacy_speakers(cases, model_dir):
    import spacy
    from textacy.extract import triples

    nlp = spacy.load(model_dir)
    found = {}
    for r, doc in zip(cases, nlp.pipe([c["text"] for c in cases], batch_size=32)):
        speaker = cue = ""
        try:
            quotes = list(triples.direct_quotations(doc))
        except (ValueError, IndexError):  # textacy fails on some unbalanced quotes
            quotes = []
        for q in quotes:
            content = q.content[0].idx, q.content[-1].idx + len(q.content[-1])
            if content[0] < r["end"] and r["start"] < content[1]:
                speaker = " ".join(t.text for t in q.speaker)
                cue = " ".join(t.text for t in q.cue)
                break
        found[r["id"]] = (speaker, cue)
    return found


def claimsift_speakers(cases):
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "cases.jsonl"
        dump.write_text("".join(json.dumps({"id": c["id"], "text": c["text"]}) + "\n" for c in cases), encoding="utf-8")
        subprocess.run([str(BINARY), "run", str(dump), "--format", "jsonl", "--no-stance", "--quiet", "-o", f"{tmp}/out"], check=True)
        found = {}
        by_id = {c["id"]: c for c in cases}
        for line in open(f"{tmp}/out/documents.jsonl", encoding="utf-8"):
            doc = json.loads(line)
            start = by_id[doc["doc_id"]]["start"]
            s = next(s for s in doc["sentences"] if s["start"] <= start < s["end"])
            found[doc["doc_id"]] = (s["speaker"], s["cue"])
        return found


def score(cases, found, forms=None):
    rows = [c for c in cases if forms is None or c["form"] in forms]
    right = sum(same_speaker(found[c["id"]][0], c["speaker"]) for c in rows)
    silent = [c for c in rows if not c["speaker"]]
    silent_right = sum(not found[c["id"]][0] for c in silent)
    return {"cases": len(rows), "accuracy": right / max(len(rows), 1), "no_speaker_kept": silent_right / len(silent) if silent else None}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--spacy-model", type=Path)
    p.add_argument("--json", type=Path, help="write the figures here")
    args = p.parse_args()
    args.skip_spacy = False
    build()
    cases = read_cases()
    results = {"textacy": textacy_speakers(cases, spacy_model(args)), "claimsift": claimsift_speakers(cases)}
    table = {}
    for name, found in results.items():
        per_form = defaultdict(dict)
        for form in sorted({c["form"] for c in cases}):
            per_form[form] = score(cases, found, {form})
        table[name] = {"direct quotes": score(cases, found, set(DIRECT_QUOTE_FORMS)), "overall": score(cases, found), "forms": per_form}
    versions = {"spacy": metadata.version("spacy"), "textacy": metadata.version("textacy")}
    print(f"| | direct quotes ({table['claimsift']['direct quotes']['cases']} cases) | overall ({len(cases)}) | no-speaker sentences left alone |")
    print("|---|---:|---:|---:|")
    for name in ("claimsift", "textacy"):
        t = table[name]
        print(f"| {name} | {t['direct quotes']['accuracy']:.3f} | {t['overall']['accuracy']:.3f} | {t['overall']['no_speaker_kept']:.3f} |")
    print()
    print("| form | claimsift | textacy |")
    print("|---|---:|---:|")
    for form in table["claimsift"]["forms"]:
        print(f"| {form} | {table['claimsift']['forms'][form]['accuracy']:.3f} | {table['textacy']['forms'][form]['accuracy']:.3f} |")
    print(f"\n(spaCy {versions['spacy']}, en_core_web_md, textacy {versions['textacy']})")
    if args.json:
        args.json.write_text(json.dumps({"versions": versions, "table": table}, indent=1) + "\n")


if __name__ == "__main__":
    main()
