"""Fine-tune all-MiniLM-L6-v2 for CoNLL-2003 NER and export it to models/ner/.

    python training/train_ner.py                 # train (resumes from training/runs/ner), export, evaluate, write the card
    python training/train_ner.py --ontonotes     # one encoder, two label sets: CoNLL-2003 and OntoNotes 5.0 (18 types)

With --ontonotes the model has two heads on one encoder, stored as one linear
layer: its first 9 outputs are the CoNLL labels (PER, ORG, LOC, MISC), the
other 37 the OntoNotes labels (O and B-/I- of 18 types). Each head has its own
softmax and is trained only on its own corpus' sentences (the other head's
labels are -100), so one forward pass gives both a CoNLL type and a fine type.
`config.json` says which outputs belong to which set (`claimsift_label_sets`).

Seeded and resumable: a checkpoint is written every --checkpoint-steps steps and
at each epoch end; rerunning the same command continues where it stopped.
"""
from __future__ import annotations

import argparse
import math
import random
import sys
from collections import Counter
from pathlib import Path

import torch
from seqeval.metrics import classification_report, f1_score
from transformers import AutoModelForTokenClassification

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (  # noqa: E402
    DATA, NUM_CASE_CLASSES, add_training_args, base_model_dir, case_type_ids, export_score_and_card, fit, load_tokenizer,
    onnx_logits_runner, pad, read_conll, seed_everything,
)

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
ONTO_TYPES = ["PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
              "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"]
ONTO_LABELS = ["O"] + [f"{p}-{t}" for t in ONTO_TYPES for p in ("B", "I")]
# Penn Treebank escapes in OntoNotes tokens, written back as the characters a
# news text has, so the model reads the same text at training and run time.
PTB_TOKENS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}",
              "``": '"', "''": '"', "/.": ".", "/?": "?", "/-": "-"}


def read_ontonotes(path: Path) -> list[tuple[list[str], list[str]]]:
    """OntoNotes 5.0 sentences as (tokens, IOB2 tags), Penn Treebank escapes undone."""
    return [([PTB_TOKENS.get(t, t) for t in tokens], tags) for tokens, tags in read_conll(path)]


def is_lowercase_word(part: str) -> bool:
    return any(c.isalpha() for c in part) and not any(c.isupper() for c in part)


def hyphen_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, s = [], start
    for i in range(start, end):
        if text[i] == "-":
            parts.append((s, i))
            s = i + 1
    parts.append((s, end))
    return [p for p in parts if p[1] > p[0]]


def entity_spans(tokens: list[str], tags: list[str]) -> tuple[str, list[tuple[int, int, str]]]:
    """Sentence text (tokens joined by spaces) and its entity character spans.

    CoNLL tags whole hyphenated tokens ("U.S.-led" B-MISC); the project's gold
    annotates only the name inside a compound ("[Russian]-brokered",
    "post-[Soviet]", "[Turkish]-[Russian]"). So lowercase affixes at an
    entity's edges are cut off, and a MISC token made of several names is
    split into one entity per name. Names with inner hyphens (Ben-Elissar,
    Weston-super-Mare) stay whole.
    """
    text, starts = "", []
    for tok in tokens:
        if text:
            text += " "
        starts.append(len(text))
        text += tok
    spans = []
    i = 0
    while i < len(tokens):
        tag = tags[i]
        if tag == "O":
            i += 1
            continue
        etype = tag[2:]
        j = i + 1
        while j < len(tokens) and tags[j] == f"I-{etype}":
            j += 1
        s, e = starts[i], starts[j - 1] + len(tokens[j - 1])
        # A token of hyphens alone ("--" in OntoNotes) has no parts: it stays as it is.
        first = hyphen_parts(text, starts[i], starts[i] + len(tokens[i])) or [(starts[i], starts[i] + len(tokens[i]))]
        while len(first) > 1 and is_lowercase_word(text[first[0][0]:first[0][1]]):
            first.pop(0)
        s = first[0][0]
        last = hyphen_parts(text, starts[j - 1], e) or [(starts[j - 1], e)]
        while len(last) > 1 and is_lowercase_word(text[last[-1][0]:last[-1][1]]):
            last.pop()
        e = last[-1][1]
        parts = hyphen_parts(text, s, e)
        if etype == "MISC" and j == i + 1 and len(parts) > 1 and all(text[p].isupper() for p, _ in parts):
            spans.extend((p, q, etype) for p, q in parts)
        else:
            spans.append((s, e, etype))
        i = j
    return text, spans


def title_case(tokens: list[str]) -> list[str]:
    return [t[:1].upper() + t[1:] for t in tokens]


def encode(tok, text: str, spans, max_len: int, labels_of=LABELS):
    enc = tok.encode(text)
    ids, offsets, word_ids = enc.ids, enc.offsets, enc.word_ids
    labels = []
    for w, (s, _) in zip(word_ids, offsets):
        if w is None:
            labels.append(-100)
            continue
        label = "O"
        for es, ee, et in spans:
            if es <= s < ee:
                label = ("B-" if s == es else "I-") + et
                break
        labels.append(labels_of.index(label))
    types = case_type_ids(text, word_ids, offsets)
    if len(ids) > max_len:  # training only; inference windows long sentences
        ids, types, labels = ids[: max_len - 1] + ids[-1:], types[: max_len - 1] + [0], labels[: max_len - 1] + [-100]
    return ids, types, labels, enc


def make_examples(tok, sentences, max_len, rng=None, title_prob=0.0, labels_of=LABELS):
    examples = []
    for tokens, tags in sentences:
        if rng is not None and rng.random() < title_prob:
            tokens = title_case(tokens)
        text, spans = entity_spans(tokens, tags)
        ids, types, labels, _ = encode(tok, text, spans, max_len, labels_of)
        examples.append((ids, types, labels))
    return examples


def conll_token_predictions(tok, sentences, predict_batch, labels_of=LABELS, offset=0):
    """Per CoNLL token, the label predicted for its first subword (the usual way to score).
    The label set is the model's outputs offset .. offset + len(labels_of)."""
    out = []
    for b in range(0, len(sentences), 64):
        chunk = sentences[b : b + 64]
        encs = []
        for tokens, tags in chunk:
            text, spans = entity_spans(tokens, tags)
            ids, types, _, enc = encode(tok, text, spans, 512, labels_of)
            encs.append((tokens, ids, types, enc))
        logits = predict_batch([(i, t) for _, i, t, _ in encs])
        for (tokens, _, _, enc), lg in zip(encs, logits):
            first = {}
            for k, (s, _) in enumerate(enc.offsets):
                if enc.word_ids[k] is not None and s not in first:
                    first[s] = k
            pos, labels = 0, []
            head = lg[:, offset:offset + len(labels_of)]
            for t in tokens:
                labels.append(labels_of[int(head[first[pos]].argmax())] if pos in first else "O")
                pos += len(t) + 1
            out.append(labels)
    return out


def torch_predictor(model):
    def predict(items):
        width = max(len(i) for i, _ in items)
        ids = torch.zeros(len(items), width, dtype=torch.long)
        types = torch.zeros_like(ids)
        mask = torch.zeros_like(ids)
        for r, (i, t) in enumerate(items):
            ids[r, : len(i)] = torch.tensor(i)
            types[r, : len(t)] = torch.tensor(t)
            mask[r, : len(i)] = 1
        with torch.no_grad():
            return model(input_ids=ids, token_type_ids=types, attention_mask=mask).logits.numpy()

    return predict


def onnx_predictor(path: Path, threads: int):
    import numpy as np

    logits = onnx_logits_runner(path, threads)

    def predict(items):
        width = max(len(i) for i, _ in items)
        ids = np.zeros((len(items), width), dtype=np.int64)
        types = np.zeros_like(ids)
        mask = np.zeros_like(ids)
        for r, (i, t) in enumerate(items):
            ids[r, : len(i)] = i
            types[r, : len(t)] = t
            mask[r, : len(i)] = 1
        return logits(ids, types, mask)

    return predict


def score(gold_sentences, predictions):
    gold = [tags for _, tags in gold_sentences]
    report = classification_report(gold, predictions, digits=4, output_dict=True)
    kinds = sorted({t[2:] for tags in gold for t in tags if t != "O"})
    per_type = {t: round(100 * report[t]["f1-score"], 2) for t in kinds if t in report}
    return round(100 * f1_score(gold, predictions), 2), per_type


def restart_log_probs(sentences, labels_of=LABELS) -> dict[str, float]:
    """Per type X, log P(B-X | the previous word is in a name of type X), add-one smoothed:
    how often two names of one type stand side by side (CoNLL-2003 train: never for
    persons). The runtime decodes with it, so a name the model is unsure inside is not
    cut in two (`claimsift_restart_log_prob` in config.json; for the OntoNotes head,
    `labels_of=ONTO_LABELS`, `claimsift_fine_restart_log_prob`)."""
    restarts, continues = Counter(), Counter()
    for _, tags in sentences:
        for prev, tag in zip(tags, tags[1:]):
            if prev != "O" and tag != "O" and prev[2:] == tag[2:]:
                (restarts if tag.startswith("B-") else continues)[tag[2:]] += 1
    return {kind: round(math.log((restarts[kind] + 1) / (restarts[kind] + continues[kind] + 2)), 4)
            for kind in sorted({l[2:] for l in labels_of if l != "O"})}


def build_model(args, train_sents, onto_sents=None):
    all_labels = LABELS + ([f"onto:{l}" for l in ONTO_LABELS] if onto_sents is not None else [])
    model = AutoModelForTokenClassification.from_pretrained(
        str(base_model_dir()),
        num_labels=len(all_labels),
        id2label=dict(enumerate(all_labels)),
        label2id={l: i for i, l in enumerate(all_labels)},
    )
    # Widen the segment embedding to carry the word case classes; every new row
    # starts as the base's segment-0 row so step 0 behaves like the base.
    old = model.bert.embeddings.token_type_embeddings
    new = torch.nn.Embedding(NUM_CASE_CLASSES, old.embedding_dim)
    with torch.no_grad():
        new.weight[:] = old.weight[0]
    model.bert.embeddings.token_type_embeddings = new
    model.config.type_vocab_size = NUM_CASE_CLASSES
    model.config.claimsift_casing = "word_case"
    model.config.claimsift_restart_log_prob = restart_log_probs(train_sents)
    if onto_sents is not None:
        model.config.claimsift_label_sets = {"type": [0, len(LABELS)], "fine_type": [len(LABELS), len(all_labels)]}
        model.config.claimsift_fine_restart_log_prob = restart_log_probs(onto_sents, ONTO_LABELS)
    return model


def two_head_loss(conll_labels: int):
    """Cross-entropy of each head on its own corpus' rows: the CoNLL head on
    outputs [0, conll_labels), the OntoNotes head on the rest."""
    ce = torch.nn.CrossEntropyLoss(ignore_index=-100, reduction="sum")

    def loss_of(model, batch):
        logits = model(input_ids=batch["input_ids"], token_type_ids=batch["token_type_ids"],
                       attention_mask=batch["attention_mask"]).logits
        total, count = logits.new_zeros(()), 0
        for labels, part in ((batch["labels"], logits[..., :conll_labels]), (batch["fine_labels"], logits[..., conll_labels:])):
            n = int((labels != -100).sum())
            if n:
                total = total + ce(part.reshape(-1, part.shape[-1]), labels.reshape(-1))
                count += n
        return total / max(count, 1)

    return loss_of


def train(args, run: Path) -> Path:
    seed_everything(args.seed)
    tok = load_tokenizer(base_model_dir())
    train_sents = read_conll(DATA / "conll2003" / "train.txt")
    dev_sents = read_conll(DATA / "conll2003" / "dev.txt")
    rng = random.Random(args.seed)
    examples = [(ids, types, labels, None) for ids, types, labels in make_examples(tok, train_sents, args.max_len, rng, args.title_prob)]
    onto_train = onto_dev = None
    if args.ontonotes:
        onto_train = read_ontonotes(DATA / "ontonotes" / "train.txt")
        onto_dev = read_ontonotes(DATA / "ontonotes" / "dev.txt")
        examples += [(ids, types, None, labels) for ids, types, labels
                     in make_examples(tok, onto_train, args.max_len, rng, args.title_prob, ONTO_LABELS)]
    model = build_model(args, train_sents, onto_train)

    def collate(idx):
        rows = [examples[k] for k in idx]
        ids = pad([r[0] for r in rows])
        batch = {"input_ids": ids, "token_type_ids": pad([r[1] for r in rows]),
                 "attention_mask": (pad([[1] * len(r[0]) for r in rows])),
                 "labels": pad([r[2] or [-100] * len(r[0]) for r in rows], -100)}
        if args.ontonotes:
            batch["fine_labels"] = pad([r[3] or [-100] * len(r[0]) for r in rows], -100)
        return batch

    def evaluate(model):
        f1, per_type = score(dev_sents, conll_token_predictions(tok, dev_sents, torch_predictor(model)))
        if not args.ontonotes:
            return f1, per_type
        fine_f1, fine_per_type = score(onto_dev, conll_token_predictions(tok, onto_dev, torch_predictor(model), ONTO_LABELS, len(LABELS)))
        # The epoch kept is the best on the mean of the two dev sets' F1.
        return round((f1 + fine_f1) / 2, 2), {"conll": {"f1": f1, **per_type}, "ontonotes": {"f1": fine_f1, **fine_per_type}}

    fit(model, [len(e[0]) for e in examples], collate, evaluate, args, run,
        loss_of=two_head_loss(len(LABELS)) if args.ontonotes else None)
    return run / "best"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_training_args(p, "ner", epochs=5, lr=1e-4, batch_size=32, max_len=128)
    p.add_argument("--title-prob", type=float, default=0.05, help="share of train sentences shown in Title Case, like news headlines")
    p.add_argument("--ontonotes", action="store_true",
                   help="also train an OntoNotes 5.0 head (18 types, config claimsift_label_sets) on the same encoder")
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    args.run.mkdir(parents=True, exist_ok=True)
    best = train(args, args.run)
    tok = load_tokenizer(base_model_dir())
    dev_sents = read_conll(DATA / "conll2003" / "dev.txt")

    onto_dev = read_ontonotes(DATA / "ontonotes" / "dev.txt") if args.ontonotes else None

    def score_onnx(path: Path) -> dict:
        predict = onnx_predictor(path, args.threads)
        f1, per_type = score(dev_sents, conll_token_predictions(tok, dev_sents, predict))
        result = {"dev_f1": f1, "per_type": per_type}
        if onto_dev is not None:
            fine_f1, fine_per_type = score(onto_dev, conll_token_predictions(tok, onto_dev, predict, ONTO_LABELS, len(LABELS)))
            result["ontonotes_dev_f1"], result["ontonotes_per_type"] = fine_f1, fine_per_type
        return result

    # Fixed activation scales (training/fixed_scales.py) let the runtime batch
    # the int8 model: on CoNLL dev through the runtime 93.49 against 93.45 with
    # dynamic scales, and 1.09x the sentences/s (benches/inference_peak.py).
    export_score_and_card("ner", best, "token", score_onnx, args,
                          ("--fixed-scales", "--calibration", str(DATA / "conll2003" / "train.txt")))

if __name__ == "__main__":
    main()
