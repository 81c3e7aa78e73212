"""Fine-tune all-MiniLM-L6-v2 as a zero-shot stance cross-encoder over (target, text); export to models/stance/.

    python training/train_stance.py         # train (resumes from training/runs/stance), export, evaluate, write scores
    python training/train_stance.py --base mpnet --run training/runs/stance_mpnet --out models/stance-large
                                            # the same recipe on all-mpnet-base-v2 (110M): a teacher, or a slower option

Data: VAST train (pro/con/neutral over thousands of topics) and SemEval-2016
train (favor/against/none over 5 targets); the epoch kept is the best on the mean
of VAST dev and news dev macro-F1, and opinion dev when --opinion-labelled
trains on opinion labels (selection_score).
The pipeline scores single sentences against short named targets, while VAST
texts are whole comments: --sentence-views adds, for each VAST row, the
sentences of its comment that mention the topic (same label), so the model
also learns from sentence-length inputs. News sentences from CoNLL-2003
train with a named target (--news-neutral, --news-evaluative) and named
views of VAST and SemEval (--named-views) teach the pipeline's own case, a
news sentence and a named person, organization or place. Hand labels of
that case come from Reuters sentences (--news-labelled, news_stance.py) and
from the sentences of VAST train comments (--opinion-labelled,
opinion_stance.py), whose opinionated writing is closer to analysis articles.
--nli adds SICK as an auxiliary entailment task (tried; not in the shipped model).
--teacher distils exported stance models into this one: each training pair's
loss mixes its label with the teachers' mean probabilities (tried; not in the
shipped model); --news-unlabelled, --genre-unlabelled and --opinion-unlabelled
add pairs that learn from the teachers alone (Reuters sentences; OntoNotes web
text, magazine and broadcast conversation from documents the analysis dev set
does not use; VAST train comments). The teachers' probabilities are kept in
the run folder by row content: a run that adds rows to another run's starts
from a copy of its teacher_probs.npz and computes only the new rows.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import torch
from sklearn.metrics import f1_score
from transformers import AutoModelForSequenceClassification

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DATA, add_training_args, base_model_dir, export_score_and_card, fit, load_tokenizer, log, onnx_logits_runner, pad, read_conll,
    seed_everything, takes_token_types, BASES,
)
import analysis_stance  # noqa: E402
import opinion_stance  # noqa: E402
from news_stance import labelled_pairs, labelled_sentences, names_in, news_sentences  # noqa: E402

LABELS = ["favor", "against", "neutral"]
VAST_LABELS = {"pro": "favor", "con": "against", "neutral": "neutral"}
SEMEVAL_LABELS = {"favor": "favor", "against": "against", "none": "neutral"}
# An NLI pair read as stance: the hypothesis is the target, the premise the text.
SICK_LABELS = {"ENTAILMENT": "favor", "CONTRADICTION": "against", "NEUTRAL": "neutral"}


def read_csv(path: Path, delimiter: str = ",") -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def vast(split: str) -> list[dict]:
    return [{"target": r["target"], "text": r["text"], "label": VAST_LABELS[r["label_name"]], "seen": r["seen"]}
            for r in read_csv(DATA / "stance" / "vast" / f"vast_{split}_min.csv")]


def semeval(split: str) -> list[dict]:
    return [{"target": r["target"], "text": r["text"].strip(), "label": SEMEVAL_LABELS[r["label"]]}
            for r in read_csv(DATA / "stance" / f"semeval2016_{split}.tsv", delimiter="\t")]


def sick() -> list[dict]:
    """SICK train as (hypothesis, premise) pairs: the text entails the target
    statement (favor), contradicts it (against) or neither (neutral)."""
    return [{"target": r["sentence_B"], "text": r["sentence_A"], "label": SICK_LABELS[r["entailment_label"]]}
            for r in read_csv(DATA / "nli" / "sick" / "SICK_train.txt", delimiter="\t")]


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")


def sentence_views(rows: list[dict]) -> list[dict]:
    """Sentences of a comment that mention a word of the topic, with the comment's label."""
    views = []
    for r in rows:
        words = [w for w in re.findall(r"\w+", r["target"].lower()) if len(w) > 3]
        if not words:
            continue
        sentences = [s for s in SENTENCE_END.split(r["text"]) if 30 <= len(s) <= 400]
        hits = [s for s in sentences if any(w[:5] in s.lower() for w in words)]
        if hits:
            views.append({**r, "text": hits[0]})
    return views


def news_neutral(count: int, seed: int, exclude: set[int]) -> list[dict]:
    """(name, Reuters sentence) pairs labelled neutral, from CoNLL-2003 train.

    VAST's neutral rows are almost all topics the comment never mentions
    (type_idx 4): of its rows whose text contains the topic, under 3% are
    neutral. Trained on that alone, the model reads "the sentence names the
    target" as "the sentence takes a side", while news sentences mostly name
    people and places to report facts. Wire-news sentences with a named
    person, organization or place are a neutral counterweight in the
    pipeline's own domain (sentence, named target); a few of them do
    evaluate the name, which is the noise this buys.
    """
    rng = random.Random(seed)
    candidates = [(text, rng.choice(names)) for index, text, names in news_sentences() if index not in exclude]
    rng.shuffle(candidates)
    return [{"target": name, "text": text, "label": "neutral"} for text, name in candidates[:count]]


def news_unlabelled(count: int, seed: int, exclude: set[int]) -> list[dict]:
    """(name, Reuters sentence) pairs from CoNLL-2003 train with no label,
    for distillation: the teachers' probabilities are their only target, so
    the student learns the teachers' reading of the pipeline's own case (a
    news sentence and a name in it) beyond the hand-labelled sentences."""
    rng = random.Random(seed + 1)
    candidates = [(text, rng.choice(names)) for index, text, names in news_sentences() if index not in exclude]
    rng.shuffle(candidates)
    return [{"target": name, "text": text, "label": None} for text, name in candidates[:count]]


def news_evaluative(count: int, seed: int, exclude: set[int]) -> list[dict]:
    """(name, Reuters sentence) pairs labelled favor or against by a sentiment lexicon.

    VAST and SemEval evaluate topics; news prose shows a named actor winning,
    failing or blamed. Sentences of CoNLL-2003 train that name exactly one
    person, organization or place, with a VADER (vaderSentiment) compound
    score >= 0.5 or <= -0.5, are labelled favor or against toward that name
    ("took a step towards becoming world champion with a brilliant
    victory"); at most count // 2 of each. The sentiment of a sentence is
    not always its stance toward the one name in it: that is the noise this
    buys.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    lexicon = SentimentIntensityAnalyzer()
    rng = random.Random(seed)
    by_label: dict[str, list[dict]] = {"favor": [], "against": []}
    for index, text, names in news_sentences():
        if index in exclude:
            continue
        score = lexicon.polarity_scores(text)["compound"]
        if len(set(names)) == 1 and abs(score) >= 0.5:
            label = "favor" if score > 0 else "against"
            by_label[label].append({"target": names[0], "text": text, "label": label})
    views = []
    for rows in by_label.values():
        rng.shuffle(rows)
        views += rows[: count // 2]
    return views


def conll_names() -> tuple[dict[str, str], dict[str, list[str]]]:
    """CoNLL-2003 train names: each name's most frequent type, and the names of each type."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for tokens, tags in read_conll(DATA / "conll2003" / "train.txt"):
        for name, kind in names_in(tokens, tags):
            counts[name][kind] += 1
    type_of = {n.lower(): c.most_common(1)[0][0] for n, c in counts.items()}
    pools: dict[str, list[str]] = defaultdict(list)
    for n, c in sorted(counts.items()):
        kind = c.most_common(1)[0][0]
        # Full personal names (the pipeline's canonical form) and well-attested names.
        if sum(c.values()) >= 2 and n[0].isupper() and (kind != "PER" or " " in n):
            pools[kind].append(n)
    return type_of, pools


HILLARY = re.compile(r"(?<!\w)[@#]?(?:Hillary\s?Clinton|Hillary|Clinton)\b", re.I)


def named_views(vast_rows: list[dict], semeval_rows: list[dict], seed: int) -> list[dict]:
    """Favor/against sentences about a named person, place or organization.

    News neutrals teach that a sentence naming someone to report facts is
    neutral; without a counterweight the model also calls "Putin is the clear
    winner" neutral. VAST rows whose topic is a proper name in the comment
    (Israel, Iran, Obama) and SemEval's Hillary Clinton tweets give the
    evaluative side: the sentence naming the target, with the name swapped
    for a random CoNLL-2003 name of the same type, so the model learns the
    evaluation, not the name. Persons are named in full in the target and by
    surname in the text, as the pipeline's canonical names are.
    """
    rng = random.Random(seed)
    type_of, pools = conll_names()

    def swap(text: str, pattern: re.Pattern, kind: str) -> tuple[str, str]:
        name = rng.choice(pools[kind])
        short = name.split()[-1] if kind == "PER" else name
        return name, pattern.sub(lambda m: short, text)

    views = []
    for r in vast_rows:
        if r["label"] == "neutral":
            continue
        pattern = re.compile(r"\b" + re.escape(r["target"]) + r"\b", re.I)
        sentences = [x for x in SENTENCE_END.split(r["text"]) if 30 <= len(x) <= 400]
        hits = [x for x in sentences if any(m.group(0)[0].isupper() for m in pattern.finditer(x))]
        kind = type_of.get(r["target"].lower())
        if hits and kind in ("PER", "LOC", "ORG"):
            target, text = swap(hits[0], pattern, kind)
            views.append({"target": target, "text": text, "label": r["label"]})
    for r in semeval_rows:
        if r["target"] == "Hillary Clinton" and HILLARY.search(r["text"]):
            target, text = swap(r["text"], HILLARY, "PER")
            views.append({"target": target, "text": text, "label": r["label"]})
    return views


def encode(tok, rows, max_len):
    tok.enable_truncation(max_len, strategy="longest_first")
    out = []
    for r in rows:
        enc = tok.encode(r["target"], r["text"])
        # An unlabelled row (label None) learns from its teachers only.
        out.append((enc.ids, enc.type_ids, LABELS.index(r["label"]) if r["label"] is not None else -100))
    tok.no_truncation()
    return out


def predict(predict_batch, examples, batch_size=64):
    order = sorted(range(len(examples)), key=lambda k: len(examples[k][0]))
    probs = [None] * len(examples)
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        for k, p in zip(idx, predict_batch([examples[k] for k in idx])):
            probs[k] = p
    return np.array(probs)


def torch_predictor(model):
    types = takes_token_types(model)

    def run(rows):
        inputs = {"input_ids": pad([r[0] for r in rows]), "attention_mask": pad([[1] * len(r[0]) for r in rows])}
        if types:
            inputs["token_type_ids"] = pad([r[1] for r in rows])
        logits = model(**inputs).logits
        return torch.softmax(logits, -1).numpy()
    return run


def onnx_predictor(path: Path, threads: int):
    logits_of = onnx_logits_runner(path, threads)

    def run(rows):
        logits = logits_of(pad([r[0] for r in rows]).numpy(), pad([r[1] for r in rows]).numpy(),
                           pad([[1] * len(r[0]) for r in rows]).numpy())
        e = np.exp(logits - logits.max(-1, keepdims=True))
        return e / e.sum(-1, keepdims=True)
    return run


def scores(predict_batch, dev, dev_examples, sem, sem_examples, portrayal: dict[str, list]) -> dict:
    """VAST dev macro-F1 (all and zero-shot rows), SemEval val F_avg(favor, against),
    and macro-F1 and accuracy on each hand-labelled dev set of how a sentence
    portrays a named target (`portrayal`: "news" from news_stance.py,
    "opinion" from opinion_stance.py; name → encoded examples)."""
    return scores_of(dev_probabilities(predict_batch, dev_examples, sem_examples, portrayal),
                     dev, dev_examples, sem_examples, portrayal)


def dev_probabilities(predict_batch, dev_examples, sem_examples, portrayal: dict[str, list]) -> dict[str, np.ndarray]:
    """The probabilities `scores_of` scores: one array per dev set, rows in the
    order of its examples (so models with other tokenizers, or their mean, can
    be scored on the same rows)."""
    probs = {"vast": predict(predict_batch, dev_examples), "semeval": predict(predict_batch, sem_examples)}
    probs.update({name: predict(predict_batch, examples) for name, examples in portrayal.items() if examples})
    return probs


def exported_dev_probabilities(folder: Path, threads: int, onnx_file: str = "model.int8.onnx"):
    """dev_probabilities of an exported model folder on ONNX Runtime (one pair
    at a time, as the runtime runs int8), each dev set read with the folder's
    own tokenizer (an MPNet model's ids are not MiniLM's); returns the
    probabilities and the encoded (VAST dev, SemEval val, {"news": news dev})
    examples that scores_of takes with them."""
    tok = load_tokenizer(folder)
    examples = (encode(tok, vast("dev"), 512), encode(tok, semeval("val"), 512),
                {"news": encode(tok, labelled_pairs(dev=True), 512)})
    return dev_probabilities(onnx_predictor(folder / onnx_file, threads), *examples), examples


def scores_of(probs: dict[str, np.ndarray], dev, dev_examples, sem_examples, portrayal: dict[str, list]) -> dict:
    """`scores` from dev_probabilities' arrays; the examples give the labels."""
    gold = np.array([e[2] for e in dev_examples])
    pred = probs["vast"].argmax(-1)
    zero = np.array([r["seen"] == "0" for r in dev])
    sem_gold = np.array([e[2] for e in sem_examples])
    sem_pred = probs["semeval"].argmax(-1)
    per_class = f1_score(gold, pred, labels=[0, 1, 2], average=None)
    out = {
        "vast_dev_macro_f1": round(float(f1_score(gold, pred, average="macro")), 4),
        "vast_dev_zero_shot_macro_f1": round(float(f1_score(gold[zero], pred[zero], average="macro")), 4),
        "vast_dev_per_class_f1": {l: round(float(f), 4) for l, f in zip(LABELS, per_class)},
        "semeval_val_f_avg": round(float(f1_score(sem_gold, sem_pred, labels=[0, 1], average="macro")), 4),
    }
    for name, examples in portrayal.items():
        if examples:
            gold = np.array([e[2] for e in examples])
            pred = probs[name].argmax(-1)
            out[f"{name}_dev_macro_f1"] = round(float(f1_score(gold, pred, labels=[0, 1, 2], average="macro")), 4)
            out[f"{name}_dev_accuracy"] = round(float((gold == pred).mean()), 4)
    return out


def selection_score(s: dict) -> float:
    """What picks the epoch kept: the mean of VAST dev macro-F1 (stance toward
    unseen topics) and the news and opinion dev macro-F1 (how a sentence
    portrays a named actor, the pipeline's use), so neither kind is bought with
    the other; VAST dev alone without hand labels."""
    measured = [s[k] for k in ("vast_dev_macro_f1", "news_dev_macro_f1", "opinion_dev_macro_f1") if k in s]
    return round(sum(measured) / len(measured), 4)


def row_key(row: dict) -> str:
    """What a teacher's probabilities on a row depend on: its target and text."""
    return hashlib.sha1(f"{row['target']}\0{row['text']}".encode("utf-8")).hexdigest()


def teacher_probabilities(teachers: list[Path], rows: list[dict], max_len: int, threads: int, cache: Path) -> np.ndarray:
    """The mean of the teachers' probabilities (int8, as the runtime runs
    them) on each training row, each teacher reading it with its own
    tokenizer (an MPNet teacher's ids are not MiniLM's), kept in `cache`
    (.npz) by row content, so a resumed run, or a run that adds rows to
    another's (its cache copied into the new run folder), computes only the
    rows it has not seen with the same teachers."""
    names = np.array([str(t.resolve()) for t in teachers])
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        saved = np.load(cache)
        if "keys" in saved and np.array_equal(saved["teachers"], names):
            known = dict(zip(saved["keys"].tolist(), saved["probs"]))
    keys = [row_key(r) for r in rows]
    missing = [k for k, key in enumerate(keys) if key not in known]
    if missing:
        todo = [rows[k] for k in missing]
        fresh = np.mean([predict(onnx_predictor(t / "model.int8.onnx", threads), encode(load_tokenizer(t), todo, max_len))
                         for t in teachers], axis=0)
        known.update(zip((keys[k] for k in missing), fresh))
        np.savez(cache, keys=np.array(list(known)), probs=np.array(list(known.values())), teachers=names)
    return np.array([known[key] for key in keys])


def opinion_labels_used(args) -> bool:
    """Whether the run trains on the opinion labels, and so also scores their dev part."""
    return args.opinion_labelled > 0 and opinion_stance.LABELS_FILE.exists()


def training_rows(args) -> list[dict]:
    """The training pairs the flags ask for, in a fixed order (a resumed run
    relies on it)."""
    vast_train, semeval_train = vast("train"), semeval("train")
    rows = vast_train + semeval_train
    if args.sentence_views:
        rows += sentence_views(vast_train)
    # Hand-labelled sentences (train and dev parts) never come back with a weak label.
    labelled = labelled_sentences()
    rows += (news_neutral(args.news_neutral, args.seed, labelled)
             + news_evaluative(args.news_evaluative, args.seed, labelled))
    if args.named_views:
        rows += named_views(vast_train, semeval_train, args.seed)
    rows += labelled_pairs(dev=False) * args.news_labelled
    rows += sick() * args.nli
    rows += news_unlabelled(args.news_unlabelled, args.seed, labelled) if args.news_unlabelled else []
    rows += analysis_stance.unlabelled_pairs(args.genre_unlabelled, args.seed) if args.genre_unlabelled else []
    if opinion_labels_used(args):
        rows += opinion_stance.labelled_pairs(dev=False) * args.opinion_labelled
    rows += opinion_stance.unlabelled_pairs(args.opinion_unlabelled, args.seed) if args.opinion_unlabelled else []
    return rows


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_training_args(p, "stance", epochs=2, lr=5e-5, batch_size=16, max_len=192)
    p.add_argument("--sentence-views", action=argparse.BooleanOptionalAction, default=True)
    p.add_argument("--news-neutral", type=int, default=3000, help="neutral (name, news sentence) pairs from CoNLL-2003 train")
    p.add_argument("--news-evaluative", type=int, default=1000,
                   help="at most this many favor and against (name, news sentence) pairs, half each, from CoNLL-2003 train")
    p.add_argument("--named-views", action=argparse.BooleanOptionalAction, default=True,
                   help="favor/against sentences about a named target, names swapped for CoNLL-2003 names")
    p.add_argument("--news-labelled", type=int, default=2, metavar="TIMES",
                   help="add the train part of the hand-labelled news pairs (news_stance.py) this many times; 0: none")
    p.add_argument("--opinion-labelled", type=int, default=0, metavar="TIMES",
                   help="add the train part of the hand-labelled VAST comment pairs (opinion_stance.py) this many times; "
                        "0 (the shipped model): none, and no opinion dev score in the selection")
    p.add_argument("--nli", type=int, default=0, metavar="TIMES",
                   help="add SICK train (entailment as favor, contradiction as against) this many times; 0: none")
    p.add_argument("--teacher", type=Path, action="append", default=[], metavar="DIR",
                   help="an exported stance model folder to distil from (repeatable: their probabilities are averaged)")
    p.add_argument("--news-unlabelled", type=int, default=0, metavar="COUNT",
                   help="(name, Reuters sentence) pairs from CoNLL-2003 train with no label, learnt from --teacher only")
    p.add_argument("--genre-unlabelled", type=int, default=0, metavar="COUNT",
                   help="(name, sentence) pairs with no label from OntoNotes web text, magazine and broadcast conversation "
                        "(documents with no analysis dev sentence), learnt from --teacher only")
    p.add_argument("--opinion-unlabelled", type=int, default=0, metavar="COUNT",
                   help="(name, sentence) pairs with no label from the train part of VAST train's comments "
                        "(opinion_stance.py; needs a release build), learnt from --teacher only")
    p.add_argument("--distill-weight", type=float, default=0.5,
                   help="with --teacher, the share of the loss that is cross-entropy against the teachers' probabilities")
    p.add_argument("--base", choices=BASES, default="minilm",
                   help="base encoder: minilm (all-MiniLM-L6-v2, what claimsift ships) or mpnet (all-mpnet-base-v2: 110M, "
                        "about 4.3x slower to train; a teacher, or a slower option)")
    p.add_argument("--layers", type=int, default=None, help="keep the base's first LAYERS transformer layers (fewer: faster, less accurate)")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    args.run.mkdir(parents=True, exist_ok=True)
    seed_everything(args.seed)
    tok = load_tokenizer(base_model_dir(args.base))
    if (args.news_unlabelled or args.genre_unlabelled or args.opinion_unlabelled) and not args.teacher:
        p.error("--news-unlabelled, --genre-unlabelled and --opinion-unlabelled rows have no label: they need --teacher")
    train_rows = training_rows(args)
    opinion = opinion_labels_used(args)
    dev, sem = vast("dev"), semeval("val")
    portrayal = {"news": labelled_pairs(dev=True), "opinion": opinion_stance.labelled_pairs(dev=True) if opinion else []}
    examples = encode(tok, train_rows, args.max_len)
    dev_examples, sem_examples = encode(tok, dev, 512), encode(tok, sem, 512)
    portrayal_examples = {name: encode(tok, rows, 512) for name, rows in portrayal.items()}
    log(args.run / "train.log", f"{len(train_rows)} training pairs, {len(dev)} VAST dev, {len(sem)} SemEval val, "
        f"{len(portrayal['news'])} news dev, {len(portrayal['opinion'])} opinion dev")

    model = AutoModelForSequenceClassification.from_pretrained(
        str(base_model_dir(args.base)), num_labels=len(LABELS),
        id2label=dict(enumerate(LABELS)), label2id={l: i for i, l in enumerate(LABELS)})
    if args.layers is not None and args.layers < model.config.num_hidden_layers:
        encoder = getattr(model, model.base_model_prefix).encoder
        encoder.layer = encoder.layer[: args.layers]
        model.config.num_hidden_layers = args.layers
    types = takes_token_types(model)

    soft = torch.from_numpy(teacher_probabilities(args.teacher, train_rows, args.max_len, args.threads, args.run / "teacher_probs.npz")
                            ).float() if args.teacher else None

    def collate(idx):
        rows = [examples[k] for k in idx]
        batch = {"input_ids": pad([r[0] for r in rows]), "attention_mask": pad([[1] * len(r[0]) for r in rows]),
                 "labels": torch.tensor([r[2] for r in rows])}
        if types:
            batch["token_type_ids"] = pad([r[1] for r in rows])
        if soft is not None:
            batch["teacher_probs"] = soft[idx]
        return batch

    def distillation_loss(model, batch):
        teacher = batch.pop("teacher_probs")
        labels = batch.pop("labels")
        logits = model(**batch).logits
        soft_loss = -(teacher * torch.log_softmax(logits, -1)).sum(-1).mean()
        # Unlabelled rows (-100) have no hard target; a batch of them only the soft one.
        labelled = int((labels != -100).sum())
        hard_loss = (torch.nn.functional.cross_entropy(logits, labels, ignore_index=-100, reduction="sum") / labelled
                     if labelled else logits.sum() * 0.0)
        return (1 - args.distill_weight) * hard_loss + args.distill_weight * soft_loss

    def evaluate(model):
        s = scores(torch_predictor(model), dev, dev_examples, sem, sem_examples, portrayal_examples)
        return selection_score(s), s

    fit(model, [len(e[0]) for e in examples], collate, evaluate, args, args.run,
        loss_of=distillation_loss if soft is not None else None)
    export_score_and_card("stance-large" if args.base == "mpnet" else "stance", args.run / "best", "pair",
                          lambda path: scores(onnx_predictor(path, args.threads), dev, dev_examples, sem, sem_examples, portrayal_examples), args,
                          # MPNet's int8 file (110 MB) is over git hosts' 100 MB limit.
                          export_flags=("--part-mb", "90"))

if __name__ == "__main__":
    main()
