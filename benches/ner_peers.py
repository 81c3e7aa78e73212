"""NER beside its peer (issue 28): claimsift's models and spaCy en_core_web_md
on OntoNotes 5.0 dev (18 types; spaCy's home ground, it is trained on
OntoNotes) and on CoNLL-2003 dev (4 types), entity F1 per type.

    python benches/ner_peers.py [--model models/ner-onto] [--model models/ner] [--spacy-model DIR]

claimsift: each dev sentence (tokens joined by spaces) through `claimsift ner
--lines`, as training/eval_ner_rust.py scores it: CoNLL on each span's
`type`, OntoNotes on its `fine_type` (only a model with the fine_type label
set is scored there). spaCy: a Doc made of the gold tokens (so both tokenize
alike) through its NER; on CoNLL its OntoNotes labels are mapped to CoNLL
types as benches/contenders.py maps them, numeric types dropped. seqeval
entity-level exact match. Prints a markdown table. A benchmark, not a test.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from seqeval.metrics import classification_report, f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training"))
sys.path.insert(0, str(ROOT / "benches"))
from common import DATA, read_conll  # noqa: E402
from contenders import ONTONOTES_TO_CONLL, SPACY_UNUSED  # noqa: E402
from eval_ner_rust import runtime_tags  # noqa: E402
from pipeline import SPACY_CACHE  # noqa: E402
from train_ner import ONTO_TYPES, read_ontonotes  # noqa: E402


def per_type(gold, predictions) -> dict:
    report = classification_report(gold, predictions, digits=4, output_dict=True, zero_division=0)
    kinds = sorted({t[2:] for tags in gold for t in tags if t != "O"})
    return {"all": round(100 * f1_score(gold, predictions), 2),
            **{t: round(100 * report[t]["f1-score"], 2) for t in kinds if t in report}}


def spacy_tags(nlp, sentences, mapping: dict | None) -> list[list[str]]:
    from spacy.tokens import Doc

    ner = nlp.get_pipe("ner")
    out = []
    docs = (Doc(nlp.vocab, words=tokens) for tokens, _ in sentences)
    # Only the components NER depends on: tok2vec, then ner.
    for doc in ner.pipe(nlp.get_pipe("tok2vec").pipe(docs, batch_size=256), batch_size=256):
        tags = ["O"] * len(doc)
        for ent in doc.ents:
            label = mapping.get(ent.label_) if mapping is not None else ent.label_
            if label:
                for k, i in enumerate(range(ent.start, ent.end)):
                    tags[i] = ("B-" if k == 0 else "I-") + label
        out.append(tags)
    return out


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--model", type=Path, action="append", help="claimsift model folders (default: models/ner-onto if present, and models/ner)")
    p.add_argument("--spacy-model", type=Path, default=SPACY_CACHE)
    p.add_argument("--threads", default="2")
    args = p.parse_args()
    models = args.model or [m for m in (ROOT / "models" / "ner-onto", ROOT / "models" / "ner") if m.exists()]
    sets = {"CoNLL-2003 dev": read_conll(DATA / "conll2003" / "dev.txt"),
            "OntoNotes 5.0 dev": read_ontonotes(DATA / "ontonotes" / "dev.txt")}
    columns = {}
    for model in models:
        config = json.loads((model / "config.json").read_text())
        fine = "fine_type" in config.get("claimsift_label_sets", {})
        run = argparse.Namespace(model=model, precision="int8", threads=args.threads)
        name = f"claimsift {model.name}"
        columns[name] = {}
        for set_name, sentences in sets.items():
            if set_name.startswith("OntoNotes") and not fine:
                continue
            start = time.perf_counter()
            tags = runtime_tags(sentences, run, "type" if set_name.startswith("CoNLL") else "fine_type")
            columns[name][set_name] = per_type([t for _, t in sentences], tags)
            print(f"{name} {set_name}: {time.perf_counter() - start:.0f} s", file=sys.stderr)
    import spacy

    nlp = spacy.load(args.spacy_model, exclude=SPACY_UNUSED + ["parser", "senter"])
    name = f"spaCy {nlp.meta['name']} {nlp.meta['version']}"
    columns[name] = {}
    for set_name, sentences in sets.items():
        start = time.perf_counter()
        tags = spacy_tags(nlp, sentences, ONTONOTES_TO_CONLL if set_name.startswith("CoNLL") else None)
        columns[name][set_name] = per_type([t for _, t in sentences], tags)
        print(f"{name} {set_name}: {time.perf_counter() - start:.0f} s", file=sys.stderr)

    names = list(columns)
    for set_name, types in (("CoNLL-2003 dev", ["all", "PER", "ORG", "LOC", "MISC"]),
                            ("OntoNotes 5.0 dev", ["all", *ONTO_TYPES])):
        print(f"\n{set_name}, entity F1\n")
        print("| type | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for t in types:
            cells = [f"{columns[n][set_name][t]:.2f}" if set_name in columns[n] and t in columns[n][set_name] else "–"
                     for n in names]
            print(f"| {'**all**' if t == 'all' else t} | " + " | ".join(cells) + " |")
    print("\n" + json.dumps(columns))


if __name__ == "__main__":
    main()
