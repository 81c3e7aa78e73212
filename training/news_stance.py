"""News stance: Reuters sentences of CoNLL-2003 train with a named target, and their hand-made labels.

    python training/news_stance.py batches DIR [--sentences N] [--batches K] [--first B] [--seed S] [--skip-sports]
                                           # annotation batches of sentences not labelled yet
    python training/news_stance.py merge DIR                                   # DIR/labels_*.tsv added to news_stance_labels.tsv
    python training/news_stance.py stats                                       # label counts of the train and dev parts

VAST and SemEval label an author's stance on a topic; the pipeline asks how a
news sentence portrays a named person, organization or place. The label file
covers that case with the gold's guideline (below). It holds references, not
text: the sentence's index among the sentences of CoNLL-2003 train.txt and the
target's token span. The text is read from ../shared/data when training, so no
copy of the data is committed. Sentences whose index is a multiple of 5 form
the news dev part, kept out of training.

The labels came in four rounds (1,000, 1,000, 690 and 500 sentences; the last
two took what was left of the candidate pool): `batches DIR` (seed 13,
batches 0-7), then, after merging, `batches DIR --first 8 --seed 14` with the
first round's settled cases added to the guideline, then `batches DIR --first
16 --seed 15`, then `batches DIR --sentences 1500 --first 24 --seed 16
--skip-sports` (the 500 running-text sentences of non-sports reports left).
"""
from __future__ import annotations

import argparse
import csv
import random
import re
import sys
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, read_conll, read_conll_documents  # noqa: E402

TRAIN_FILE = DATA / "conll2003" / "train.txt"
LABELS_FILE = Path(__file__).resolve().parent / "news_stance_labels.tsv"
KINDS = ("PER", "ORG", "LOC")
STANCES = ("favor", "against", "neutral")

GUIDELINE = """\
Label the stance that the sentence's claim expresses, as asserted by the author
or by the cited source, toward the named target:
- favor: the target is portrayed as successful, competent or right (wins,
  beats a rival, gains, is praised, is proved right, achieves a goal);
- against: the target is portrayed as failing, at fault, losing or malign
  (loses, is beaten, is blamed, criticised, accused, suffers a setback,
  commits violence or wrongdoing);
- neutral: the target is mentioned, but the sentence is factual or reportive
  and carries no evaluation of it (schedules, announcements, quotes of what the
  target said, background, plain statistics).
The stance is toward the target, not the mood of the sentence: in "A beat B",
A is favor and B is against. An outcome counts even when it is reported
plainly: a result, a win, a record or a gain portrays the target as
successful; a defeat, a loss, a fall or a failure portrays it as failing. The
cited source counts too: in "A accused B of fraud", B is against and A, who
only speaks, is neutral. A target that is only where something happened
("in London", "a Paris court") is neutral. When a sentence is mixed or the
call is not clear, label it neutral.
Settled after the first round: a victim of an attack, accident or illness is
neutral, unless the sentence frames it as a setback in what the target does
(an injury that rules a player out: against). A bare statistics line (bowling
figures, a golf score, a league-table row) is neutral; a stated result or
placing (won, beat, first, lost, faded to fourth) is favor or against. A
country in brackets after an athlete is neutral. A company's profit or price
rising is favor, falling against.
"""


def detokenize(tokens: list[str]) -> str:
    """CoNLL's space-separated tokens as running text ("Reno 's report ," → "Reno's report,")."""
    text = " ".join(tokens)
    text = re.sub(r" ([,.;:!?%)\]]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b)", r"\1", text)
    return re.sub(r"([(\[$]) ", r"\1", text)


def entity_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """The (start, end, type) token spans of an IOB2-tagged sentence, end exclusive."""
    spans, start, kind = [], None, ""
    for k, tag in enumerate(tags + ["O"]):
        if tag.startswith("I-") and start is not None and tag[2:] == kind:
            continue
        if start is not None:
            spans.append((start, k, kind))
        start, kind = (k, tag[2:]) if tag[:2] in ("B-", "I-") else (None, "")
    return spans


def names_in(tokens: list[str], tags: list[str]) -> list[tuple[str, str]]:
    """The (name, type) of each entity of an IOB2-tagged sentence."""
    return [(" ".join(tokens[s:e]), kind) for s, e, kind in entity_spans(tags)]


SPORTS = ("SOCCER", "CRICKET", "BASEBALL", "TENNIS", "CYCLING", "GOLF", "ATHLETICS", "RUGBY UNION",
          "RUGBY LEAGUE", "RALLYING", "MOTOR RACING", "BASKETBALL", "HORSE RACING", "BADMINTON",
          "MOTORCYCLING", "SQUASH", "MOTOCROSS", "SWIMMING", "ICE HOCKEY", "AUSTRALIAN RULES")


@lru_cache(maxsize=1)
def sports_sentences() -> set[int]:
    """Indices (as in train_sentences) of the sentences of sports reports, whose
    headline starts with a sport ("SOCCER - JAPAN GET LUCKY WIN ...")."""
    sports, index = set(), 0
    for document in read_conll_documents(TRAIN_FILE):
        headline_tokens, _ = document[0]
        if " ".join(headline_tokens).upper().split(" - ")[0] in SPORTS:
            sports.update(range(index, index + len(document)))
        index += len(document)
    return sports


@lru_cache(maxsize=1)  # training reads it for the weak labels and for each part of the labels
def train_sentences() -> list[tuple[list[str], list[str]]]:
    return read_conll(TRAIN_FILE)


def is_running_text(tokens: list[str]) -> bool:
    """Not a table row or an all-caps headline."""
    return len(tokens) >= 10 and sum(t.isupper() for t in tokens) <= len(tokens) // 2


def news_sentences():
    """(index, text, names) of CoNLL-2003 train sentences of running text that name
    persons, organizations or places, the names in order."""
    for index, (tokens, tags) in enumerate(train_sentences()):
        if not is_running_text(tokens):
            continue
        names = [name for name, kind in names_in(tokens, tags) if kind in KINDS]
        if names:
            yield index, detokenize(tokens), names


def targets_of(tokens: list[str], tags: list[str]) -> list[tuple[int, int]]:
    """The first span of each distinct person, organization or place name."""
    seen, spans = set(), []
    for s, e, kind in entity_spans(tags):
        name = " ".join(tokens[s:e])
        if kind in KINDS and name not in seen:
            seen.add(name)
            spans.append((s, e))
    return spans


def candidates(count: int, seed: int, skip_sports: bool) -> list[int]:
    """Indices of sentences to label, none labelled yet: two thirds with a strong
    VADER sentiment (|compound| >= 0.4, where evaluations are dense), one third
    of the rest, each naming one to three targets; with skip_sports, none from
    a sports report."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = SentimentIntensityAnalyzer()
    done = labelled_sentences() if LABELS_FILE.exists() else set()
    if skip_sports:
        done |= sports_sentences()
    strong, other = [], []
    for index, (tokens, tags) in enumerate(train_sentences()):
        if index not in done and is_running_text(tokens) and 1 <= len(targets_of(tokens, tags)) <= 3:
            score = lexicon.polarity_scores(detokenize(tokens))["compound"]
            (strong if abs(score) >= 0.4 else other).append(index)
    rng = random.Random(seed)
    rng.shuffle(strong)
    rng.shuffle(other)
    chosen = strong[: 2 * count // 3] + other[: count - 2 * count // 3]
    rng.shuffle(chosen)
    return chosen


def pair_id(index: int, start: int, end: int) -> str:
    return f"{index}:{start}-{end}"


def write_batches(out: Path, count: int, batches: int, first: int, seed: int, skip_sports: bool) -> None:
    sentences = train_sentences()
    chosen = candidates(count, seed, skip_sports)
    out.mkdir(parents=True, exist_ok=True)
    (out / "GUIDELINE.txt").write_text(GUIDELINE, encoding="utf-8")
    for b in range(batches):
        with open(out / f"batch_{first + b}.tsv", "w", encoding="utf-8") as f:
            f.write("id\ttarget\tsentence\n")
            for index in chosen[b::batches]:
                tokens, tags = sentences[index]
                for s, e in targets_of(tokens, tags):
                    f.write(f"{pair_id(index, s, e)}\t{' '.join(tokens[s:e])}\t{detokenize(tokens)}\n")


def read_batch_labels(directory: Path, allowed: tuple[str, ...]) -> dict[str, str]:
    """The (id, label) rows of DIR/labels_*.tsv, the annotators' answers to the batches."""
    labels = {}
    for path in sorted(directory.glob("labels_*.tsv")):
        for row in csv.DictReader(open(path, encoding="utf-8"), delimiter="\t"):
            label = row["label"].strip().lower()
            if label not in allowed:
                raise SystemExit(f"{path}: {row['id']}: label {label!r} is not one of {allowed}")
            labels[row["id"].strip()] = label
    return labels


def merge(directory: Path) -> None:
    """Adds DIR/labels_*.tsv (id, label) to the label file; a pair labelled again takes the new label."""
    labels = {pair_id(index, s, e): label for index, s, e, label in label_rows()} if LABELS_FILE.exists() else {}
    labels.update(read_batch_labels(directory, STANCES))
    rows = sorted((tuple(map(int, re.split(r"[:-]", k))), v) for k, v in labels.items())
    with open(LABELS_FILE, "w", encoding="utf-8") as f:
        f.write("sentence\tstart\tend\tlabel\n")
        for (index, s, e), label in rows:
            f.write(f"{index}\t{s}\t{e}\t{label}\n")
    print(f"{len(rows)} labels -> {LABELS_FILE}")


def label_rows() -> list[tuple[int, int, int, str]]:
    """(sentence index, target start, target end, label) of every row of the label file."""
    with open(LABELS_FILE, encoding="utf-8") as f:
        return [(int(r["sentence"]), int(r["start"]), int(r["end"]), r["label"]) for r in csv.DictReader(f, delimiter="\t")]


def is_dev(index: int) -> bool:
    return index % 5 == 0


def labelled_pairs(dev: bool) -> list[dict]:
    """The hand-labelled (target, sentence, label) pairs of the dev part or the train part."""
    sentences = train_sentences()
    pairs = []
    for index, s, e, label in label_rows():
        if is_dev(index) == dev:
            tokens, _ = sentences[index]
            pairs.append({"target": " ".join(tokens[s:e]), "text": detokenize(tokens), "label": label, "sentence": index})
    return pairs


def labelled_sentences() -> set[int]:
    return {index for index, _, _, _ in label_rows()}


def label_cli(doc: str, add_batch_args, write_batches, merge, labelled_pairs) -> None:
    """The `batches DIR` / `merge DIR` / `stats` command line of a label file."""
    p = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    b = sub.add_parser("batches")
    b.add_argument("dir", type=Path)
    add_batch_args(b)
    m = sub.add_parser("merge")
    m.add_argument("dir", type=Path)
    sub.add_parser("stats")
    args = p.parse_args()
    if args.command == "batches":
        write_batches(args)
    elif args.command == "merge":
        merge(args.dir)
    else:
        for dev in (False, True):
            pairs = labelled_pairs(dev)
            counts = {s: sum(r["label"] == s for r in pairs) for s in STANCES}
            print(f"{'dev' if dev else 'train'}: {len(pairs)} pairs, {counts}")


def add_batch_args(b: argparse.ArgumentParser) -> None:
    b.add_argument("--sentences", type=int, default=1000)
    b.add_argument("--batches", type=int, default=8)
    b.add_argument("--first", type=int, default=0, help="number of the first batch file")
    b.add_argument("--seed", type=int, default=13)
    b.add_argument("--skip-sports", action="store_true",
                   help="no sentence from a sports report (the pipeline's articles are mostly politics and business)")


if __name__ == "__main__":
    label_cli(__doc__, add_batch_args,
              lambda a: write_batches(a.dir, a.sentences, a.batches, a.first, a.seed, a.skip_sports), merge, labelled_pairs)
