"""Opinion stance: sentences of VAST train comments with a named target, and their hand-made labels.

    python training/opinion_stance.py batches DIR [--batches K] [--seed S]   # annotation batches
    python training/opinion_stance.py merge DIR                               # DIR/labels_*.tsv added to opinion_stance_labels.tsv
    python training/opinion_stance.py stats                                   # label counts of the train and dev parts

The CoNLL news labels (news_stance.py) are Reuters wire copy: reports, mostly
neutral. The gold articles are opinion and analysis, where writers judge
Putin, Erdogan or Russia. VAST's comments on New York Times articles judge the
same kind of targets (Israel, Iran, Assad, Obama, the US), but VAST labels a
stance toward a topic phrase, not toward the people and places a sentence
names. This file labels those: claimsift's own splitter and NER find the
sentences and names of the VAST train comments, and each (name, sentence)
pair is labelled under the news guideline (news_stance.GUIDELINE).

The label file holds references, not text: the comment's SHA-1 (first 12 hex
digits, so row order in the CSV does not matter), the sentence's and the
target's code point spans in it. Comments whose hash ends in a multiple of 5
form the dev part. Only VAST train is used, so VAST dev stays unseen.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import json
import random
import re
import subprocess
import sys
import tempfile
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import DATA, ROOT  # noqa: E402
from news_stance import GUIDELINE, KINDS, STANCES, label_cli, read_batch_labels  # noqa: E402

VAST_TRAIN = DATA / "stance" / "vast" / "vast_train.csv"
LABELS_FILE = Path(__file__).resolve().parent / "opinion_stance_labels.tsv"
# A wrong target (not a name, or cut badly by NER) is labelled "skip" and left out.
SKIP = "skip"
EXTRA_GUIDELINE = """\
These sentences come from readers' comments on news articles, so most carry
the writer's own opinion: label how the sentence portrays the target. If the
target shown is not a real name of a person, organization or place (a word
cut in two, a common noun), label it skip.
"""


def post_id(post: str) -> str:
    return hashlib.sha1(post.encode("utf-8")).hexdigest()[:12]


@lru_cache(maxsize=1)
def vast_posts() -> dict[str, str]:
    """The distinct comments of VAST train by post_id."""
    with open(VAST_TRAIN, encoding="utf-8") as f:
        return {post_id(r["post"]): r["post"] for r in csv.DictReader(f)}


def one_line(text: str) -> str:
    """Whitespace as single spaces, as claimsift writes a sentence cell."""
    return re.sub(r"\s+", " ", text).strip()


def is_dev(post: str) -> bool:
    return int(post, 16) % 5 == 0


def pair_id(post: str, sentence: tuple[int, int], target: tuple[int, int]) -> str:
    return f"{post}:{sentence[0]}-{sentence[1]}:{target[0]}-{target[1]}"


def parse_pair_id(pair: str) -> tuple[str, int, int, int, int]:
    post, sentence, target = pair.split(":")
    s0, s1 = sentence.split("-")
    t0, t1 = target.split("-")
    return post, int(s0), int(s1), int(t0), int(t1)


def candidate_pairs() -> list[tuple[str, str, str]]:
    """(pair id, target, sentence) of every sentence of VAST train that names one
    to three distinct persons, organizations or places, at each name's first
    mention; found by running claimsift (release build) without stance."""
    binary = ROOT / "target" / "release" / "claimsift"
    if not binary.exists():
        raise SystemExit(f"{binary} is missing: run `cargo build --release` first")
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "vast_train_posts.jsonl"
        with open(dump, "w", encoding="utf-8") as f:
            for post, text in vast_posts().items():
                f.write(json.dumps({"id": post, "text": text}) + "\n")
        subprocess.run([str(binary), "run", "--no-stance", "--quiet", "-o", str(Path(tmp) / "out"), str(dump)], check=True)
        with open(Path(tmp) / "out" / "claims.csv", encoding="utf-8") as f:
            sentences = {(r["doc_id"], r["sent_idx"]): (int(r["start"]), int(r["end"])) for r in csv.DictReader(f)}
        names = defaultdict(dict)  # (post, sentence) -> canonical -> first span
        with open(Path(tmp) / "out" / "entities.csv", encoding="utf-8") as f:
            for r in csv.DictReader(f):
                if r["type"] in KINDS:
                    names[(r["doc_id"], r["sent_idx"])].setdefault(r["canonical"], (int(r["start"]), int(r["end"])))
    pairs = []
    for key, targets in sorted(names.items()):
        if 1 <= len(targets) <= 3:
            post = key[0]
            sentence = sentences[key]
            text = vast_posts()[post]
            for span in sorted(targets.values()):
                pairs.append((pair_id(post, sentence, span), text[span[0] : span[1]], one_line(text[sentence[0] : sentence[1]])))
    return pairs


def unlabelled_pairs(count: int, seed: int) -> list[dict]:
    """(name, sentence) pairs with no label from the comments of the train part
    (candidate_pairs, labelled or not), for distillation (train_stance.py
    --opinion-unlabelled): a teacher's reading of readers' opinion writing.
    The dev part's comments are left out, as is all of VAST dev."""
    pairs = [{"target": target, "text": sentence, "label": None}
             for pid, target, sentence in candidate_pairs() if not is_dev(parse_pair_id(pid)[0])]
    random.Random(seed).shuffle(pairs)
    return pairs[:count]


def write_batches(out: Path, batches: int, seed: int) -> None:
    by_sentence = defaultdict(list)
    for pid, target, sentence in candidate_pairs():
        by_sentence[pid.rsplit(":", 1)[0]].append((pid, target, sentence))
    done = {pair_id(p, (s0, s1), (t0, t1)) for p, s0, s1, t0, t1, _ in label_rows()} if LABELS_FILE.exists() else set()
    sentences = sorted(k for k, pairs in by_sentence.items() if not any(pid in done for pid, _, _ in pairs))
    random.Random(seed).shuffle(sentences)
    out.mkdir(parents=True, exist_ok=True)
    (out / "GUIDELINE.txt").write_text(GUIDELINE + EXTRA_GUIDELINE, encoding="utf-8")
    for b in range(batches):
        with open(out / f"batch_{b}.tsv", "w", encoding="utf-8") as f:
            f.write("id\ttarget\tsentence\n")
            for key in sentences[b::batches]:
                for pid, target, sentence in by_sentence[key]:
                    f.write(f"{pid}\t{target}\t{sentence}\n")
    print(f"{len(sentences)} sentences in {batches} batches -> {out}")


def merge(directory: Path) -> None:
    """Adds DIR/labels_*.tsv (id, label) to the label file; a pair labelled again takes the new label."""
    labels = {pair_id(p, (s0, s1), (t0, t1)): label for p, s0, s1, t0, t1, label in label_rows()} if LABELS_FILE.exists() else {}
    labels.update(read_batch_labels(directory, STANCES + (SKIP,)))
    rows = sorted(parse_pair_id(k) + (v,) for k, v in labels.items())
    with open(LABELS_FILE, "w", encoding="utf-8") as f:
        f.write("post\tsentence_start\tsentence_end\tstart\tend\tlabel\n")
        for row in rows:
            f.write("\t".join(map(str, row)) + "\n")
    print(f"{len(rows)} labels -> {LABELS_FILE}")


def label_rows() -> list[tuple[str, int, int, int, int, str]]:
    with open(LABELS_FILE, encoding="utf-8") as f:
        return [(r["post"], int(r["sentence_start"]), int(r["sentence_end"]), int(r["start"]), int(r["end"]), r["label"])
                for r in csv.DictReader(f, delimiter="\t")]


def labelled_pairs(dev: bool) -> list[dict]:
    """The hand-labelled (target, sentence, label) pairs of the dev part or the train part, skips left out."""
    posts = vast_posts()
    pairs = []
    for post, s0, s1, t0, t1, label in label_rows():
        if label != SKIP and is_dev(post) == dev:
            text = posts[post]
            pairs.append({"target": text[t0:t1], "text": one_line(text[s0:s1]), "label": label})
    return pairs


def add_batch_args(b: argparse.ArgumentParser) -> None:
    b.add_argument("--batches", type=int, default=10)
    b.add_argument("--seed", type=int, default=17)


if __name__ == "__main__":
    label_cli(__doc__, add_batch_args, lambda a: write_batches(a.dir, a.batches, a.seed), merge, labelled_pairs)
