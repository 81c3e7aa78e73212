"""claimsift's splitter and number parser beside their peers, on the same inputs.

    /work/venvs/train/bin/python benches/text_peers.py [--numbers-cases TSV]... [--skip-spacy]

Sentences: claimsift (`claimsift split`), the sentencex crate (built from
benches/sentencex_peer), pySBD and spaCy en_core_web_md (parser sentences), on
  - the sentence-boundary corpus tests/fixtures/sentences_cases.tsv: a case
    passes when the sentences, white space trimmed, are exactly the expected
    ones; pass rate per category;
  - consecutive sentence pairs of OntoNotes newswire (dev and train, from
    ../shared/data or $CLAIMSIFT_SHARED/data), detokenized: a pair passes when
    it is split into exactly its two sentences;
  - the gold articles (tests/fixtures/gold/sentences.tsv): exact trimmed
    spans, P/R/F1, each tool given the whole file; a predicted sentence counts
    only where it overlaps a gold sentence, so boilerplate the gold leaves out
    costs no tool anything (claimsift runs `split --clean`, as in `run`).
Numbers: claimsift (`claimsift numbers`), quantulum3 and Microsoft's
recognizers-text-number (number, ordinal and percentage models), on
  - the number corpus tests/fixtures/numbers_cases.tsv (and any other given
    with --numbers-cases; columns are read by header name): value F1, a found
    number counting when its value equals an expected one of the same sentence
    (each matched once; `value_max` adds a range's upper end as a value);
    for claimsift also the share of sentences whose numbers are all right in
    text, value, unit, qualifier and kind, as tests/numbers_gold.rs checks;
  - the gold articles (tests/fixtures/gold/numbers.tsv): value F1 the same way,
    over the gold sentences.
Prints the tables as markdown. Builds claimsift and sentencex_peer first.

Set-up: pip install pysbd quantulum3 recognizers-text-number "emoji<1.0"
(recognizers-text imports a name emoji 1.0 removed), and spaCy's model as
benches/pipeline.py explains. quantulum3 runs without its unit classifier (see
Quantulum below).
"""
import argparse
import re
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "claimsift"
PEER = ROOT / "benches" / "sentencex_peer"
PEER_BINARY = PEER / "target" / "release" / "sentencex_peer"
GOLD = ROOT / "tests" / "fixtures" / "gold"
SPACY_CACHE = Path.home() / ".cache" / "claimsift" / "en_core_web_md-3.8.0"
RESULTS = ROOT / "benches" / "RESULTS.md"
# benches/pipeline.py keeps this section when it rewrites RESULTS.md.
RESULTS_HEADING = "## Sentences and numbers beside their peers (issue 22)"


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s) and s[i + 1] in "nrt":
            out.append({"n": "\n", "r": "\r", "t": "\t"}[s[i + 1]])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


# ------------------------------------------------------------------ sentences


def sentence_cases():
    cases, category = [], None
    lines = (ROOT / "tests" / "fixtures" / "sentences_cases.tsv").read_text(encoding="utf-8").splitlines()
    for line in lines[1:]:
        if line.startswith("# --- "):
            category = line[6:].strip()
        elif line.strip():
            fields = [unescape(f) for f in line.split("\t")]
            cases.append((category, fields[0], fields[1:]))
    return cases


def spans_from_strings(text, sentences):
    """Code point spans of sentences given as strings, found in order."""
    spans, pos = [], 0
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        at = text.find(s, pos)
        if at < 0:  # a tool that changed the text: keep what can be placed
            continue
        spans.append((at, at + len(s)))
        pos = at + len(s)
    return spans


def trim_span(text, start, end):
    s = text[start:end]
    lead = len(s) - len(s.lstrip())
    return start + lead, start + lead + len(s.strip())


class Claimsift:
    def __init__(self, binary=BINARY, name="claimsift"):
        self.binary, self.name = binary, name

    def split_many(self, texts, clean=False):
        """Sentence spans of each text, one `claimsift split` run for all."""
        with tempfile.TemporaryDirectory() as tmp:
            files = []
            for i, t in enumerate(texts):
                f = Path(tmp) / f"{i:05}.txt"
                f.write_text(t, encoding="utf-8")
                files.append(str(f))
            out = defaultdict(list)
            cmd = [str(self.binary), "split", *files] + (["--clean"] if clean else [])
            for line in subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines():
                o = json.loads(line)
                source = o.get("source", files[0])
                out[source].append((o["start"], o["end"]))
            return [out[f] for f in files]


class Sentencex:
    name = "sentencex (crate)"

    def split_many(self, texts, clean=False):
        proc = subprocess.run([str(PEER_BINARY)], input=json.dumps(texts), check=True, capture_output=True, text=True)
        return [spans_from_strings(t, s) for t, s in zip(texts, json.loads(proc.stdout))]


class Pysbd:
    name = "pySBD"

    def __init__(self):
        import pysbd

        self.seg = pysbd.Segmenter(language="en", clean=False, char_span=True)

    def split_many(self, texts, clean=False):
        return [[trim_span(t, s.start, s.end) for s in self.seg.segment(t) if s.sent.strip()] for t in texts]


class Spacy:
    name = "spaCy en_core_web_md"

    def __init__(self, model):
        import spacy

        self.nlp = spacy.load(model)

    def split_many(self, texts, clean=False):
        return [[trim_span(t, s.start_char, s.end_char) for s in doc.sents if s.text.strip()] for t, doc in zip(texts, self.nlp.pipe(texts))]


def corpus_table(tools, cases):
    texts = [c[1] for c in cases]
    categories = list(dict.fromkeys(c[0] for c in cases))
    rates, seconds = {}, {}
    for tool in tools:
        t0 = time.perf_counter()
        got = tool.split_many(texts)
        seconds[tool.name] = time.perf_counter() - t0
        passed = defaultdict(int)
        for (category, text, expected), spans in zip(cases, got):
            passed[category] += [text[a:b] for a, b in spans] == [e.strip() for e in expected]
        rates[tool.name] = passed
    total = {c: sum(1 for x in cases if x[0] == c) for c in categories}
    out = ["| category | cases | " + " | ".join(t.name for t in tools) + " |", "|---|---:|" + "---:|" * len(tools)]
    for c in categories:
        out.append(f"| {c} | {total[c]} | " + " | ".join(f"{rates[t.name][c] / total[c]:.3f}" for t in tools) + " |")
    out.append(f"| **all** | {len(cases)} | " + " | ".join(f"**{sum(rates[t.name].values()) / len(cases):.3f}**" for t in tools) + " |")
    out.append("| seconds for the corpus (models already loaded; claimsift and sentencex: a process started) | | " + " | ".join(f"{seconds[t.name]:.2f}" for t in tools) + " |")
    return "\n".join(out)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def gold_docs():
    return sorted({r["doc"] for r in read_tsv(GOLD / "sentences.tsv")})


def gold_sentence_table(tools):
    rows = read_tsv(GOLD / "sentences.tsv")
    docs = gold_docs()
    texts = [(ROOT / "input" / f"{d}.txt").read_text(encoding="utf-8") for d in docs]
    gold = {d: {trim_span(t, int(r["start"]), int(r["end"])) for r in rows if r["doc"] == d} for d, t in zip(docs, texts)}
    out = ["| tool | precision | recall | F1 | gold | predicted (overlapping gold) |", "|---|---:|---:|---:|---:|---:|"]
    for tool in tools:
        got = tool.split_many(texts, clean=True)
        tp = pred = 0
        for d, spans in zip(docs, got):
            g = gold[d]
            inside = [s for s in spans if any(s[0] < b and a < s[1] for a, b in g)]
            pred += len(inside)
            tp += sum(1 for s in inside if s in g)
        n = sum(len(g) for g in gold.values())
        p, r = tp / max(pred, 1), tp / max(n, 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        out.append(f"| {tool.name} | {p:.3f} | {r:.3f} | {f:.3f} | {n} | {pred} |")
    return "\n".join(out)


ONTONOTES = Path(os.environ.get("CLAIMSIFT_SHARED", ROOT.parent / "shared")) / "data" / "ontonotes"
# Sentence pairs of OntoNotes newswire: from dev (the splitter's initialism
# and clock rules were revised once after reading its errors) and from train
# (whose errors were never looked at while writing the rules).
ONTONOTES_SETS = [("dev", ONTONOTES / "dev.txt", 2000), ("train", ONTONOTES / "train.txt", 3000)]


def detokenize(tokens):
    """Penn Treebank tokens back to running text (good enough for boundaries)."""
    brackets = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
    no_space_before = {",", ".", ":", ";", "?", "!", "%", ")", "]", "}", "''", "'s", "n't", "'re", "'ll", "'ve", "'d", "'m", "'", "-"}
    out, glue = [], True
    for tok in tokens:
        tok = brackets.get(tok, tok)
        text = '"' if tok in ("``", "''") else tok
        if not glue and tok not in no_space_before and not (out and out[-1] == "-"):
            out.append(" ")
        out.append(text)
        glue = tok in ("``", "(", "[", "{", "$", "#", "-")
    return "".join(out)


def ontonotes_pairs(path, limit):
    """Consecutive sentence pairs from OntoNotes newswire: (text, [a, b]).
    Pairs whose first sentence does not end in end punctuation (headlines,
    list lead-ins) are left out; every k-th pair is kept up to `limit`."""
    if not path.exists():
        return []
    docs, doc, sent, newswire = [], [], [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if newswire and doc:
                docs.append(doc)
            doc, newswire = [], "/nw/" in line
        elif not line.strip():
            if sent:
                doc.append(detokenize(sent))
            sent = []
        else:
            sent.append(line.split()[0])
    if newswire and doc:
        docs.append(doc)
    pairs = [
        (a + " " + b, [a, b])
        for d in docs
        for a, b in zip(d, d[1:])
        if a.rstrip('"\')').endswith((".", "?", "!")) and len(a.split()) >= 3 and len(b.split()) >= 3
    ]
    step = max(1, len(pairs) // limit)
    return pairs[::step][:limit]


def ontonotes_table(tools, sets):
    """Share of pairs split exactly right, per tool and set of pairs."""
    out = ["| tool | " + " | ".join(f"{name} ({len(pairs)} pairs)" for name, pairs in sets) + " |",
           "|---|" + "---:|" * len(sets)]
    for tool in tools:
        cells = []
        for _, pairs in sets:
            got = tool.split_many([t for t, _ in pairs])
            right = sum([t[a:b] for a, b in spans] == expected for (t, expected), spans in zip(pairs, got))
            cells.append(f"{right / len(pairs):.3f} ({right})")
        out.append(f"| {tool.name} | " + " | ".join(cells) + " |")
    return "\n".join(out)


# ------------------------------------------------------------------ numbers


def to_float(v):
    """A value as a number; an ISO 8601 date as its digits run together
    ("2020-11-10" → 20201110, "--11" → 11), the form the gold's dates take,
    so a date is found only by a tool that reads the whole date."""
    text = str(v).strip()
    if re.fullmatch(r"-{0,3}\d+(-\d+)*", text) and "-" in text.lstrip("-"):
        return float(text.replace("-", ""))
    if re.fullmatch(r"-{2,3}\d+", text):
        return float(text.lstrip("-"))
    try:
        x = float(text.replace(",", "").rstrip("%"))
    except ValueError:
        return None
    return x if math.isfinite(x) else None


def number_cases(path):
    """(category, sentence, year, expected rows) per sentence, from a TSV read
    by header name: consecutive rows of one sentence and year are one case."""
    cases, category = [], None
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    for line in lines[1:]:
        if line.startswith("# ---"):
            category = line.lstrip("#- ").strip()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        row = dict(zip(header, line.split("\t")))
        year = row.get("context_year", "") or "2020"
        expected = [row] if row.get("text") else []
        last = cases[-1] if cases else None
        if last and last[1] == row["sentence"] and last[2] == year and last[0] == category:
            last[3].extend(expected)
        else:
            cases.append((category, row["sentence"], year, expected))
    return cases


def expected_values(rows):
    values = []
    for r in rows:
        # A range is "5..9" in `value`, or `value` and `value_max`.
        for part in (r.get("value") or "").split("..") + [r.get("value_max") or ""]:
            v = to_float(part)
            if v is not None:
                values.append(v)
    return values


def value_matches(found, expected):
    left = list(expected)
    tp = 0
    for v in found:
        hit = next((i for i, e in enumerate(left) if abs(e - v) <= 1e-6 * max(1.0, abs(e))), None)
        if hit is not None:
            tp += 1
            left.pop(hit)
    return tp


class ClaimsiftNumbers:
    name = "claimsift"

    def extract_many(self, texts, years):
        """Per text: list of dicts (text, value, unit, qualifier, kind)."""
        out = [None] * len(texts)
        by_year = defaultdict(list)
        for i, y in enumerate(years):
            by_year[y].append(i)
        for year, idx in by_year.items():
            with tempfile.TemporaryDirectory() as tmp:
                files = []
                for i in idx:
                    f = Path(tmp) / f"{i:06}.txt"
                    f.write_text(texts[i], encoding="utf-8")
                    files.append(str(f))
                found = defaultdict(list)
                cmd = [str(BINARY), "numbers", *files] + ([] if year == "none" else ["--year", str(year)])
                for line in subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines():
                    o = json.loads(line)
                    found[o.get("source", files[0])].append(o)
                for i, f in zip(idx, files):
                    out[i] = found[f]
        return out

    @staticmethod
    def values(found):
        values = []
        for o in found:
            parts = [o["value"]] + ([o["value_max"]] if o.get("value_max") is not None else [])
            values.extend(v for v in map(to_float, parts) if v is not None)
        return values


class Quantulum:
    name = "quantulum3"

    def __init__(self):
        from quantulum3 import classifier, parser

        # Its unit classifier (clf.joblib) was pickled with an older
        # scikit-learn and fails to load under 1.9 (`No module named
        # '_loss'`): use its dictionary disambiguation, as it does when
        # scikit-learn is not installed. Values do not depend on it.
        classifier.USE_CLF = False
        self.parser = parser

    def extract_many(self, texts, years):
        out = []
        for t in texts:
            try:
                out.append(self.parser.parse(t))
            except Exception as e:  # noqa: BLE001 - a peer's crash counts as nothing found
                log(f"quantulum3 failed on {t[:60]!r}: {e}")
                out.append([])
        return out

    @staticmethod
    def values(found):
        return [q.value for q in found if to_float(q.value) is not None]


class Recognizers:
    name = "recognizers-text-number"

    def __init__(self):
        from recognizers_number import Culture, recognize_number, recognize_ordinal, recognize_percentage

        self.models = [recognize_percentage, recognize_ordinal, recognize_number]
        self.culture = Culture.English

    def extract_many(self, texts, years):
        out = []
        for t in texts:
            taken = []  # (start, end, value), longest first wins
            for model in self.models:
                try:
                    results = model(t, self.culture)
                except Exception as e:  # noqa: BLE001
                    log(f"recognizers failed on {t[:60]!r}: {e}")
                    results = []
                for r in sorted(results, key=lambda r: r.start - r.end):
                    if any(r.start <= b and a <= r.end for a, b, _ in taken):
                        continue
                    taken.append((r.start, r.end, (r.resolution or {}).get("value")))
            out.append(taken)
        return out

    @staticmethod
    def values(found):
        return [v for v in (to_float(x) for _, _, x in found) if v is not None]


def claimsift_row_ok(found, expected):
    """All numbers right in text, value, unit, qualifier and kind (as
    tests/numbers_gold.rs checks), read from the JSON fields."""
    def key(text, value, value_max, unit, qualifier, kind):
        return (text, str(value), str(value_max or ""), unit, str(qualifier).lower(), str(kind).lower())

    got = sorted(key(o["text"], o["value"], o.get("value_max"), o["unit"], o["qualifier"], o["kind"]) for o in found)
    want = sorted(key(r["text"], r["value"], r.get("value_max"), r.get("unit", ""), r.get("qualifier", ""), r.get("kind", ""))
                  for r in expected)
    return got == want


def numbers_corpus_table(tools, path):
    cases = number_cases(path)
    texts = [c[1] for c in cases]
    years = [c[2] for c in cases]
    categories = list(dict.fromkeys(c[0] for c in cases))
    stats = {}
    for tool in tools:
        t0 = time.perf_counter()
        found = tool.extract_many(texts, years)
        secs = time.perf_counter() - t0
        per = defaultdict(lambda: [0, 0, 0, 0, 0])  # tp, predicted, expected, rows ok, sentences
        for (category, _, _, expected), f in zip(cases, found):
            got = tool.values(f)
            want = expected_values(expected)
            s = per[category]
            s[0] += value_matches(got, want)
            s[1] += len(got)
            s[2] += len(want)
            s[4] += 1
            if tool.name == "claimsift":
                s[3] += claimsift_row_ok(f, expected)
        stats[tool.name] = (per, secs)

    def f1(tp, p, e):
        if e == 0 and p == 0:
            return 1.0
        pr, rc = tp / max(p, 1), tp / max(e, 1)
        return 2 * pr * rc / (pr + rc) if pr + rc else 0.0

    out = [
        "| category | sentences | " + " | ".join(f"{t.name} value F1" for t in tools) + " | claimsift all fields right, unit included (tests/numbers_gold.rs leaves the unit out) |",
        "|---|---:|" + "---:|" * (len(tools) + 1),
    ]
    for c in categories + [None]:
        cells = []
        for t in tools:
            per = stats[t.name][0]
            rows = [per[c]] if c is not None else list(per.values())
            tp, p, e = (sum(r[i] for r in rows) for i in range(3))
            cells.append(f"{f1(tp, p, e):.3f}")
        cs = stats["claimsift"][0]
        rows = [cs[c]] if c is not None else list(cs.values())
        ok, n = sum(r[3] for r in rows), sum(r[4] for r in rows)
        label = c if c is not None else "**all**"
        out.append(f"| {label} | {n} | " + " | ".join(cells) + f" | {ok / max(n, 1):.3f} |")
    out.append("| seconds (models already loaded; claimsift: processes started) | | " + " | ".join(f"{stats[t.name][1]:.2f}" for t in tools) + " | |")
    return "\n".join(out)


def gold_numbers_table(tools):
    sentences = read_tsv(GOLD / "sentences.tsv")
    numbers = read_tsv(GOLD / "numbers.tsv")
    texts, expected = [], []
    for s in sentences:
        texts.append(s["text"])
        expected.append([n for n in numbers if n["doc"] == s["doc"] and n["sent_idx"] == s["sent_idx"]])
    out = ["| tool | precision | recall | value F1 | gold numbers |", "|---|---:|---:|---:|---:|"]
    for tool in tools:
        found = tool.extract_many(texts, ["2020"] * len(texts))
        tp = p = e = 0
        for f, rows in zip(found, expected):
            got, want = tool.values(f), expected_values(rows)
            tp += value_matches(got, want)
            p += len(got)
            e += len(want)
        pr, rc = tp / max(p, 1), tp / max(e, 1)
        f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
        out.append(f"| {tool.name} | {pr:.3f} | {rc:.3f} | {f1:.3f} | {e} |")
    return "\n".join(out)


# ------------------------------------------------------------------ main


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--numbers-cases", type=Path, action="append", default=[],
                   help="more number corpora to score (TSV with the columns of tests/fixtures/numbers_cases.tsv)")
    p.add_argument("--skip-spacy", action="store_true")
    p.add_argument("--baseline", type=Path, metavar="BINARY",
                   help="another claimsift binary (an older build) to split sentences beside this one")
    p.add_argument("--write", action="store_true", help=f"also put the tables in benches/RESULTS.md under {RESULTS_HEADING!r}")
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path", str(PEER / "Cargo.toml")], check=True)
    versions = {}
    for pkg in ["pysbd", "spacy", "quantulum3", "recognizers-text-number"]:
        try:
            from importlib import metadata

            versions[pkg] = metadata.version(pkg)
        except Exception:  # noqa: BLE001
            versions[pkg] = "missing"
    sentence_tools = [Claimsift()]
    if args.baseline:
        sentence_tools.append(Claimsift(args.baseline, "claimsift baseline"))
    sentence_tools += [Sentencex(), Pysbd()]
    if not args.skip_spacy:
        sentence_tools.append(Spacy(SPACY_CACHE))
    number_tools = [ClaimsiftNumbers(), Quantulum(), Recognizers()]
    report = []
    emit = report.append  # the tables go to stdout and, with --write, to RESULTS.md
    emit("Versions: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + ", sentencex " + sentencex_version()
         + (f"; claimsift baseline: {args.baseline}" if args.baseline else ""))
    emit("\n### Sentences: tests/fixtures/sentences_cases.tsv (share of cases split exactly right)\n")
    emit(corpus_table(sentence_tools, sentence_cases()))
    emit("\n### Sentences: gold articles (tests/fixtures/gold/sentences.tsv)\n")
    emit(gold_sentence_table(sentence_tools))
    sets = [(name, pairs) for name, path, limit in ONTONOTES_SETS if (pairs := ontonotes_pairs(path, limit))]
    if sets:
        emit("\n### Sentences: consecutive sentence pairs of OntoNotes newswire, detokenized (share split exactly right)\n")
        emit("The splitter's rules for initialisms and clock times were revised once after reading its errors on the dev "
             "pairs; the train pairs' errors were never looked at. spaCy's parser was trained on OntoNotes: neither set is held "
             "out for it.\n")
        emit(ontonotes_table(sentence_tools, sets))
    corpora = [ROOT / "tests" / "fixtures" / "numbers_cases.tsv", *args.numbers_cases]
    for path in corpora:
        if not path.exists():
            log(f"{path}: not found, skipped")
            continue
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        emit(f"\n### Numbers: {shown} ({len(number_cases(path))} sentences)\n")
        emit(numbers_corpus_table(number_tools, path))
    emit("\n### Numbers: gold articles (tests/fixtures/gold/numbers.tsv)\n")
    emit(gold_numbers_table(number_tools))
    text = "\n".join(report)
    sys.stdout.write(text + "\n")
    if args.write:
        write_results(text)


def write_results(tables):
    """Replaces (or appends) this benchmark's section of benches/RESULTS.md."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    head = old[: old.find(RESULTS_HEADING)] if RESULTS_HEADING in old else old
    load = os.getloadavg()[0]
    section = (
        f"{RESULTS_HEADING}\n\n"
        f"Generated by `CLAIMSIFT_SHARED=/work/shared /work/venvs/train/bin/python benches/text_peers.py --write` on "
        f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} (load average {load:.1f}; the seconds are indicative only). "
        "What each table scores is in the script's docstring. A case of the sentence corpus passes when a tool's "
        "sentences, white space trimmed, are exactly the expected ones; the corpus's layout conventions (a headline "
        "without end punctuation is a sentence, markdown markers at the start of a line stay out, an inline list "
        "item keeps its marker) are claimsift's, which the peers do not attempt, so the OntoNotes pairs and "
        "the gold are the fairer comparison. Number values are compared alone (kinds, units and qualifiers differ "
        "between tools); dates count as values in claimsift's `YYYYMMDD` form, which no peer writes.\n\n"
        + tables + "\n"
    )
    RESULTS.write_text(head.rstrip("\n") + "\n\n" + section, encoding="utf-8")
    log(f"wrote the section {RESULTS_HEADING!r} of {RESULTS}")


def sentencex_version():
    lock = PEER / "Cargo.lock"
    if lock.exists():
        text = lock.read_text()
        at = text.find('name = "sentencex"')
        if at >= 0:
            return text[at:].split("\n")[1].split('"')[1]
    return "?"


if __name__ == "__main__":
    main()
