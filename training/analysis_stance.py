"""Analysis stance dev set: (sentence, named target) pairs from opinion and analysis writing, hand-labelled, for scoring only.

    python training/analysis_stance.py batches DIR [--sentences N] [--batches K] [--seed S]
                                           # annotation batches of sentences not labelled yet
    python training/analysis_stance.py merge DIR          # DIR/labels_*.tsv added to analysis_stance_labels.tsv
    python training/analysis_stance.py stats              # label counts per source
    python training/analysis_stance.py score MODEL_DIR [MODEL_DIR ...]
                                           # macro-F1 and accuracy of exported stance models, with 95% intervals

VAST dev and the Reuters news dev rank stance models differently from the 27
stance rows of the gold articles, and the seed alone moves the gold by three
rows, so neither settles which model is better on the pipeline's articles,
which are analysis and opinion. This set is a larger measure of that case:
sentences of the opinionated genres of OntoNotes 5.0 (web text and blogs `wb`,
magazine `mz`, broadcast conversation `bc`; train.txt and dev.txt), each paired
with a person, organization, country or group (NORP) that its gold tags name,
and sentences of the readers' comments of VAST dev (never trained on), each
paired with a name that a capitalisation rule finds. Each pair is labelled
under the gold's stance guideline (news_stance.GUIDELINE) by the project's
engineers with LLM assistance, one pass per batch; a target that is not a name
(the rule's misses) is labelled skip and left out.

It is a dev set only: nothing in train_stance.py reads it (the OntoNotes
sentences are in none of the training data, though `train_stance.py
--genre-unlabelled` adds unlabelled sentences of other documents of the same
genres, see unlabelled_pairs; VAST dev is not trained on, and no VAST dev
comment is also in VAST train, whose comments opinion_stance.py labels), and
no epoch is picked on it.

The labels came in two rounds: `batches DIR` (450 sentences, seed 21, batches
0-5), then `batches DIR --sentences 150 --batches 2 --first 6 --seed 22
--strong-share 1.0`, to raise the share of favor and against. The data is read
from ../shared/data, or from $CLAIMSIFT_SHARED/data (a worktree under
/work/wt: CLAIMSIFT_SHARED=/work/shared).

The label file holds references, not text. OntoNotes rows: the corpus file,
the sentence's index among that file's sentences (blank-line separated, as
common.read_conll reads them) and the target's token span. VAST rows: the
comment's SHA-1 (first 12 hex digits) and the sentence's code point span in
it, and the target's code point span in the comment.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import random
import re
import sys
from collections import Counter, defaultdict
from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, load_tokenizer, read_conll_documents  # noqa: E402
from news_stance import GUIDELINE, STANCES, detokenize, entity_spans, read_batch_labels  # noqa: E402

LABELS_FILE = Path(__file__).resolve().parent / "analysis_stance_labels.tsv"
ONTONOTES = ("ontonotes/train.txt", "ontonotes/dev.txt")
VAST_DEV = "stance/vast/vast_dev.csv"
GENRES = ("wb", "mz", "bc")
ONTONOTES_KINDS = ("PERSON", "ORG", "GPE", "NORP")
BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
SKIP = "skip"
EXTRA_GUIDELINE = """\
These sentences come from blogs, magazines, broadcast talk and readers'
comments, so many carry the writer's or speaker's own opinion: label how the
sentence portrays the target. A group (Americans, Democrats, Muslims) is a
target like a country. If the target shown is not a name of a person,
organization, place or group (a capitalised common word, a name cut badly),
label it skip.
"""


def post_id(post: str) -> str:
    return hashlib.sha1(post.encode("utf-8")).hexdigest()[:12]


# OntoNotes ---------------------------------------------------------------

@lru_cache(maxsize=None)
def ontonotes_sentences(corpus: str) -> list[tuple[str, list[str], list[str]]]:
    """(document path, tokens, tags) of every sentence of an OntoNotes CoNLL file, in order."""
    path = DATA / corpus
    paths = [line.split()[1] for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("-DOCSTART-")]
    documents = read_conll_documents(path)
    if len(paths) != len(documents):
        raise SystemExit(f"{path}: {len(paths)} -DOCSTART- lines but {len(documents)} documents; is a document empty?")
    return [(doc, [BRACKETS.get(t, t) for t in tokens], tags)
            for doc, sentences in zip(paths, documents) for tokens, tags in sentences]


def genre(document: str) -> str:
    return document.split("/")[1]  # annotations/wb/eng/00/eng_0001


def ontonotes_targets(tokens: list[str], tags: list[str]) -> list[tuple[int, int]]:
    """The first token span of each distinct person, organization, country or group name."""
    seen, spans = set(), []
    for s, e, kind in entity_spans(tags):
        name = " ".join(tokens[s:e])
        if kind in ONTONOTES_KINDS and name.lower() not in seen:
            seen.add(name.lower())
            spans.append((s, e))
    return spans


def ontonotes_candidates():
    """(sentence key, [(target key, target, sentence)]) of every running-text
    sentence of the wb, mz and bc documents that names one to three targets."""
    for corpus in ONTONOTES:
        for index, (doc, tokens, tags) in enumerate(ontonotes_sentences(corpus)):
            if genre(doc) not in GENRES or len(tokens) < 8:
                continue
            targets = ontonotes_targets(tokens, tags)
            if 1 <= len(targets) <= 3:
                text = detokenize(tokens)
                yield (corpus, str(index)), [((corpus, str(index), s, e), " ".join(tokens[s:e]), text) for s, e in targets]


def unlabelled_pairs(count: int, seed: int) -> list[dict]:
    """(name, sentence) pairs with no label from the wb, mz and bc documents of
    OntoNotes train that hold no sentence of this set, for distillation
    (train_stance.py --genre-unlabelled): a teacher's reading of the genres
    this set measures. A model trained on them has seen these genres' text
    (never a labelled sentence, nor another sentence of its document), which
    its card must say beside its score here. Every target of each sentence:
    2,508 pairs in all (the documents this set draws on hold most of the
    genres' sentences)."""
    held = {ontonotes_sentences(corpus)[int(sentence)][0]
            for corpus, sentence, *_ in label_rows() if corpus in ONTONOTES}
    rng = random.Random(seed)
    pairs = []
    for (corpus, index), targets in ontonotes_candidates():
        if corpus == ONTONOTES[0] and ontonotes_sentences(corpus)[int(index)][0] not in held:
            pairs += [{"target": target, "text": text, "label": None} for _, target, text in targets]
    rng.shuffle(pairs)
    return pairs[:count]


# VAST dev comments -----------------------------------------------------------

@lru_cache(maxsize=1)
def vast_posts() -> dict[str, str]:
    """The distinct comments of VAST dev by post_id."""
    with open(DATA / VAST_DEV, encoding="utf-8", newline="") as f:
        return {post_id(r["Tweet"]): r["Tweet"] for r in csv.DictReader(f)}


# A sentence ends at . ! or ? followed by space and a capital or a quote, except after a title or an initial.
SENTENCE_END = re.compile(r'(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])[.!?]+["\')]*\s+(?=["\'(]?[A-Z])')
# A name: capitalised words (Barack Obama, New York Times, U.S., GOP), possibly joined by "of"
# (Bank of America); a possessive 's is left out.
NAME = re.compile(r"\b(?:[A-Z][\w.&-]*[\w.]|[A-Z])(?:(?:\s+of)?\s+[A-Z][\w.&-]*\w)*(?=(?:'s)?\b)")
NOT_NAMES = set("""I I'm I've I'd I'll A An The This That These Those It Its It's He She We They You Your My Our Their His Her
But And Or So If When While Yes No Not Now Then There Here What Why How Who Where Which Also Even Just As At In On Of For
To From By With Without All Any Some Many Most Every Each Both One Two Three First Second Third Mr Mrs Ms Dr OK Oh Well
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September
October November December God Thank Thanks Please Let Don't Do Does Did Is Are Was Were Be Being Has Have Had Can Could
Would Should Will Shall Might Must Perhaps Maybe Sure Great Good Bad Why Yet Still However Instead Indeed Finally After
Before Because Since Until Unless Although Though Whether Once Only More Less Such Same Other Another Again Never Always
People Americans""".split()) - {"Americans"}


def vast_sentences(text: str) -> list[tuple[int, int]]:
    """Code point spans of the sentences of a comment, whitespace trimmed."""
    spans, start = [], 0
    for m in list(SENTENCE_END.finditer(text)) + [None]:
        end = m.end() if m else len(text)
        piece = text[start:end]
        s = start + len(piece) - len(piece.lstrip())
        e = start + len(piece.rstrip())
        if e > s:
            spans.append((s, e))
        start = end
    return spans


def vast_names(text: str, sentence: tuple[int, int]) -> list[tuple[int, int]]:
    """Code point spans (in the comment) of the distinct names of a sentence, by the
    capitalisation rule: a one-word name is kept at the sentence's start only
    when it is all capitals (GOP, NYT); common capitalised words are dropped."""
    seen, spans = set(), []
    body = text[sentence[0]:sentence[1]]
    for m in NAME.finditer(body):
        words = m.group().split()
        while words and words[0] in NOT_NAMES:  # "The Senate" -> "Senate"
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        start = sentence[0] + m.start() + m.group().index(words[0])
        end = start + len(name)
        at_start = start == sentence[0] or not text[sentence[0]:start].strip(" \"'(")
        if (len(words) == 1 and at_start and not name.isupper()) or len(name) < 2 or name.rstrip(".") in NOT_NAMES:
            continue
        if name.endswith(".") and not re.fullmatch(r"(?:[A-Z]\.)+", name):
            name, end = name[:-1], end - 1
        if name.lower() not in seen:
            seen.add(name.lower())
            spans.append((start, end))
    return spans


def one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def vast_candidates():
    """(sentence key, [(target key, target, sentence)]) of every VAST dev comment
    sentence of 8 words or more that names one to three targets."""
    for post, text in sorted(vast_posts().items()):
        for s0, s1 in vast_sentences(text):
            if len(text[s0:s1].split()) < 8:
                continue
            names = vast_names(text, (s0, s1))
            if 1 <= len(names) <= 3:
                key = (VAST_DEV, f"{post}:{s0}-{s1}")
                yield key, [((VAST_DEV, f"{post}:{s0}-{s1}", t0, t1), text[t0:t1], one_line(text[s0:s1])) for t0, t1 in names]


# Labels -----------------------------------------------------------------------

def pair_id(key: tuple[str, str, int, int]) -> str:
    corpus, sentence, start, end = key
    return f"{corpus}|{sentence}|{start}-{end}"


def parse_pair_id(pair: str) -> tuple[str, str, int, int]:
    corpus, sentence, span = pair.split("|")
    start, end = span.split("-")
    return corpus, sentence, int(start), int(end)


def label_rows() -> list[tuple[str, str, int, int, str]]:
    """(corpus, sentence, target start, target end, label) of every row of the label file."""
    if not LABELS_FILE.exists():
        return []
    with open(LABELS_FILE, encoding="utf-8") as f:
        return [(r["corpus"], r["sentence"], int(r["start"]), int(r["end"]), r["label"])
                for r in csv.DictReader(f, delimiter="\t")]


def candidates(count: int, seed: int, strong_share: float) -> list[tuple[tuple[str, str], list]]:
    """Sentences not labelled yet, `count` in all, two thirds from OntoNotes and
    one third from VAST dev; from each source `strong_share` of them with a
    strong VADER sentiment (|compound| >= 0.4, where evaluations are dense, so
    that favor and against are well represented) and the rest from the others."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = SentimentIntensityAnalyzer()
    done = {(corpus, sentence) for corpus, sentence, _, _, _ in label_rows()}
    rng = random.Random(seed)
    chosen = []
    for source, share in ((ontonotes_candidates, count - count // 3), (vast_candidates, count // 3)):
        strong, other = [], []
        for key, pairs in source():
            if key not in done:
                score = lexicon.polarity_scores(pairs[0][2])["compound"]
                (strong if abs(score) >= 0.4 else other).append((key, pairs))
        rng.shuffle(strong)
        rng.shuffle(other)
        take = round(strong_share * share)
        chosen += strong[:take] + other[: share - take]
    rng.shuffle(chosen)
    return chosen


def write_batches(out: Path, count: int, batches: int, first: int, seed: int, strong_share: float) -> None:
    chosen = candidates(count, seed, strong_share)
    out.mkdir(parents=True, exist_ok=True)
    (out / "GUIDELINE.txt").write_text(GUIDELINE + EXTRA_GUIDELINE, encoding="utf-8")
    for b in range(batches):
        with open(out / f"batch_{first + b}.tsv", "w", encoding="utf-8") as f:
            f.write("id\ttarget\tsentence\n")
            for _, pairs in chosen[b::batches]:
                for key, target, sentence in pairs:
                    f.write(f"{pair_id(key)}\t{target}\t{sentence}\n")
    print(f"{len(chosen)} sentences, {sum(len(p) for _, p in chosen)} pairs in {batches} batches -> {out}")


def merge(directory: Path) -> None:
    """Adds DIR/labels_*.tsv (id, label) to the label file; a pair labelled again takes the new label."""
    labels = {pair_id(row[:4]): row[4] for row in label_rows()}
    labels.update(read_batch_labels(directory, STANCES + (SKIP,)))
    rows = sorted((parse_pair_id(k), v) for k, v in labels.items())
    with open(LABELS_FILE, "w", encoding="utf-8") as f:
        f.write("corpus\tsentence\tstart\tend\tlabel\n")
        for (corpus, sentence, start, end), label in rows:
            f.write(f"{corpus}\t{sentence}\t{start}\t{end}\t{label}\n")
    print(f"{len(rows)} labels -> {LABELS_FILE}")


def labelled_pairs() -> list[dict]:
    """The labelled (target, text, label, source) pairs, skips left out, rebuilt from ../shared/data."""
    pairs = []
    for corpus, sentence, start, end, label in label_rows():
        if label == SKIP:
            continue
        if corpus == VAST_DEV:
            post, span = sentence.split(":")
            s0, s1 = map(int, span.split("-"))
            text = vast_posts()[post]
            pairs.append({"target": text[start:end], "text": one_line(text[s0:s1]), "label": label, "source": "vast"})
        else:
            doc, tokens, _ = ontonotes_sentences(corpus)[int(sentence)]
            pairs.append({"target": " ".join(tokens[start:end]), "text": detokenize(tokens), "label": label,
                          "source": f"ontonotes/{genre(doc)}"})
    return pairs


def stats() -> None:
    pairs = labelled_pairs()
    skipped = sum(row[4] == SKIP for row in label_rows())
    by_source = defaultdict(Counter)
    for p in pairs:
        by_source[p["source"]][p["label"]] += 1
        by_source["all"][p["label"]] += 1
    for source, counts in sorted(by_source.items()):
        n = sum(counts.values())
        print(f"{source}: {n} pairs, " + ", ".join(f"{s} {counts[s]}" for s in STANCES)
              + f" (favor + against {(counts['favor'] + counts['against']) / n:.1%})")
    print(f"skipped (not a name): {skipped}")


# Scoring ------------------------------------------------------------------------

def wilson(correct: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of a proportion."""
    p = correct / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    return float(f1_score(gold, pred, labels=[0, 1, 2], average="macro", zero_division=0))


def bootstrap_interval(gold: np.ndarray, preds: list[np.ndarray], resamples: int = 2000, seed: int = 13) -> tuple[float, float]:
    """The 95% percentile interval, over resamples of the rows, of macro-F1 with one
    prediction array, or of the difference in macro-F1 (second minus first) with
    two: the same resampled rows score both models, so the interval of a
    difference is narrower than the two intervals side by side suggest."""
    rng = np.random.default_rng(seed)
    values = []
    for idx in rng.integers(0, len(gold), (resamples, len(gold))):
        f1s = [macro_f1(gold[idx], pred[idx]) for pred in preds]
        values.append(f1s[0] if len(f1s) == 1 else f1s[1] - f1s[0])
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def predicted_labels(model: Path, pairs: list[dict], threads: int, onnx_file: str = "model.int8.onnx") -> np.ndarray:
    """The label index (train_stance.LABELS) an exported model folder gives
    each pair, one pair at a time as the runtime runs int8."""
    from train_stance import encode, onnx_predictor, predict

    # the sentences are short; a longer pair is cut to the model's positions (the runtime windows it)
    positions = json.loads((model / "config.json").read_text())["max_position_embeddings"]
    examples = encode(load_tokenizer(model), pairs, min(512, positions))
    return predict(onnx_predictor(model / onnx_file, threads), examples).argmax(-1)


def score(models: list[Path], threads: int) -> None:
    """Scores each exported model folder's model.int8.onnx, one pair at a time as
    the runtime runs it; with several folders, also each one's macro-F1 against
    the first's, with a paired interval."""
    from train_stance import LABELS

    pairs = labelled_pairs()
    gold = np.array([LABELS.index(p["label"]) for p in pairs])
    sources = np.array([p["source"].split("/")[0] for p in pairs])
    subsets = (("all", np.ones(len(pairs), bool)), ("ontonotes", sources == "ontonotes"), ("vast", sources == "vast"))
    predictions = {}
    for model in models:
        pred = predictions[model] = predicted_labels(model, pairs, threads)
        for name, rows in subsets:
            g, p = gold[rows], pred[rows]
            lo, hi = bootstrap_interval(g, [p])
            correct = int((g == p).sum())
            alo, ahi = wilson(correct, len(g))
            print(f"{model}\t{name}\t{len(g)} pairs\tmacro-F1 {macro_f1(g, p):.3f} [{lo:.3f}, {hi:.3f}]"
                  f"\taccuracy {correct / len(g):.3f} [{alo:.3f}, {ahi:.3f}] ({correct}/{len(g)})", flush=True)
        per_class = f1_score(gold, pred, labels=[0, 1, 2], average=None, zero_division=0)
        confusion = {LABELS[i]: {LABELS[j]: int(((gold == i) & (pred == j)).sum()) for j in range(3)} for i in range(3)}
        print(f"{model}\tper-class F1 {dict(zip(LABELS, np.round(per_class, 3).tolist()))}"
              f"\tconfusion (gold -> predicted) {confusion}")
    for model in models[1:]:
        first = predictions[models[0]]
        lo, hi = bootstrap_interval(gold, [first, predictions[model]])
        print(f"{model} - {models[0]}\tmacro-F1 {macro_f1(gold, predictions[model]) - macro_f1(gold, first):+.3f}"
              f" [{lo:+.3f}, {hi:+.3f}] (paired bootstrap over rows)")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("batches")
    b.add_argument("dir", type=Path)
    b.add_argument("--sentences", type=int, default=450)
    b.add_argument("--batches", type=int, default=6)
    b.add_argument("--first", type=int, default=0, help="number of the first batch file")
    b.add_argument("--seed", type=int, default=21)
    b.add_argument("--strong-share", type=float, default=0.75,
                   help="the share of sentences with a strong VADER sentiment, from each source")
    m = sub.add_parser("merge")
    m.add_argument("dir", type=Path)
    sub.add_parser("stats")
    s = sub.add_parser("score")
    s.add_argument("models", type=Path, nargs="+", help="exported stance model folders (model.int8.onnx, tokenizer.json)")
    s.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    if args.command == "batches":
        write_batches(args.dir, args.sentences, args.batches, args.first, args.seed, args.strong_share)
    elif args.command == "merge":
        merge(args.dir)
    elif args.command == "stats":
        stats()
    else:
        score(args.models, args.threads)


if __name__ == "__main__":
    main()
