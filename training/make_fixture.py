"""Build the tiny runtime test models in tests/fixtures/ and their reference outputs.

    python training/make_fixture.py

Two 2-layer BERTs with random weights (seeded) on a 2,000-entry slice of the
MiniLM vocabulary: a token classifier that uses the word-case feature and a
pair classifier with a deliberately unusual label order. The reference file
holds what Python computes: input ids and type ids, PyTorch fp32 logits, pair
probabilities, and entity spans from the reference decoder below (windows,
aggregation, constrained BIO path), which the Rust runtime must reproduce.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import torch
from transformers import BertConfig, BertForSequenceClassification, BertForTokenClassification

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, base_model_dir, case_type_ids, load_tokenizer, seed_everything  # noqa: E402
from export import export  # noqa: E402

OUT = ROOT / "tests" / "fixtures"
VOCAB = 2000
MAX_POSITIONS = 64  # small, so that the long test text needs several windows
NER_LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
PAIR_LABELS = ["neutral", "against", "favor"]

NER_TEXTS = [
    "Russian President Vladimir Putin met Ilham Aliyev in Moscow.",
    "NATO, the EU and Turkey’s Erdogan said nothing about Nagorno-Karabakh.",
    "A Post-Soviet Russian-brokered deal: iPhone makers in the U.S. watched.",
    "Ölçek and café owners in Baku reopened.",
    " ".join(["The ceasefire held in Stepanakert while Armenian and Azerbaijani forces waited."] * 8),
]
PAIRS = [
    ("Putin", "Russian President Vladimir Putin failed to stop the war."),
    ("the ceasefire deal", "The ceasefire deal brought peace to the region."),
    ("Turkey", "Turkey supplied drones to Azerbaijan."),
]


def tiny_tokenizer(path: Path) -> Path:
    spec = json.loads((base_model_dir() / "tokenizer.json").read_text())
    spec["model"]["vocab"] = {t: i for t, i in spec["model"]["vocab"].items() if i < VOCAB}
    spec["padding"] = None
    spec["truncation"] = None
    path.write_text(json.dumps(spec, ensure_ascii=False))
    return path


def config(**extra) -> BertConfig:
    return BertConfig(vocab_size=VOCAB, hidden_size=16, num_hidden_layers=2, num_attention_heads=2,
                      intermediate_size=32, max_position_embeddings=MAX_POSITIONS, **extra)


def reference_windows(n: int, max_len: int, stride: int) -> list[tuple[int, int]]:
    room = max_len - 2
    step = max(1, room - stride)
    windows, start = [], 0
    while True:
        end = min(start + room, n)
        windows.append((start, end))
        if end == n:
            return windows
        start += step


def reference_bio_path(dists: list[np.ndarray]) -> list[int]:
    """The most probable label sequence in which I-X only follows B-X or I-X (Viterbi)."""
    tags = [(None, "O") if t == "O" else (t[0], t[2:]) for t in NER_LABELS]

    def allowed(prev, nxt):
        return tags[nxt][0] != "I" or (prev is not None and tags[prev][0] is not None and tags[prev][1] == tags[nxt][1])

    size = len(NER_LABELS)
    logp = np.log(np.maximum(np.array(dists, dtype=np.float64), 1e-12))
    score = np.array([logp[0][l] if allowed(None, l) else -np.inf for l in range(size)])
    back = []
    for w in range(1, len(dists)):
        cand = np.array([[score[k] if allowed(k, l) else -np.inf for l in range(size)] for k in range(size)])
        back.append(cand.argmax(0))
        score = cand.max(0) + logp[w]
    path = [int(score.argmax())]
    for came_from in reversed(back):
        path.append(int(came_from[path[-1]]))
    return path[::-1]


def reference_spans(model, tok, text: str, aggregation: str) -> list[dict]:
    enc = tok.encode(text, add_special_tokens=False)
    types = case_type_ids(text, enc.word_ids, enc.offsets)
    n = len(enc.ids)
    stride = MAX_POSITIONS // 4
    windows = reference_windows(n, MAX_POSITIONS, stride)
    best = [None] * n
    probs = [None] * n
    for w, (s, e) in enumerate(windows):
        ids = torch.tensor([[101] + enc.ids[s:e] + [102]])
        tt = torch.tensor([[0] + types[s:e] + [0]])
        with torch.no_grad():
            p = torch.softmax(model(input_ids=ids, token_type_ids=tt).logits[0], -1).numpy()
        for t in range(s, e):
            d = min(t - s, e - 1 - t)
            if best[t] is None or d > best[t]:
                best[t], probs[t] = d, p[1 + t - s]
    words, dists = [], []  # (start, end), label probabilities
    t = 0
    while t < n:
        members = [t]
        while t + 1 < n and enc.word_ids[t + 1] is not None and enc.word_ids[t + 1] == enc.word_ids[t]:
            t += 1
            members.append(t)
        t += 1
        ps = [probs[m] for m in members]
        if aggregation == "first":
            dists.append(ps[0])
        elif aggregation == "max":
            dists.append(ps[max(range(len(ps)), key=lambda i: ps[i].max())])
        else:
            dists.append(np.mean(ps, axis=0))
        words.append((enc.offsets[members[0]][0], max(enc.offsets[m][1] for m in members)))
    labels = reference_bio_path(dists)
    words = [(s, e, label, float(d[label])) for (s, e), label, d in zip(words, labels, dists)]
    spans, cur = [], None
    for s, e, label, score in words:
        tag = NER_LABELS[label]
        prefix, kind = (tag[0], tag[2:]) if tag != "O" else (None, "O")
        if prefix == "I" and cur is not None and cur["type"] == kind:
            cur["end"], cur["scores"] = e, cur["scores"] + [score]
            continue
        if cur is not None:
            spans.append(cur)
        cur = {"start": s, "end": e, "type": kind, "scores": [score]} if kind != "O" else None
    if cur is not None:
        spans.append(cur)
    return [{"start": c["start"], "end": c["end"], "text": text[c["start"]:c["end"]], "type": c["type"],
             "score": float(np.mean(c["scores"]))} for c in spans]


def randomize_head(model, scale: float) -> None:
    with torch.no_grad():
        model.classifier.weight.normal_(0, scale)
        model.classifier.bias.normal_(0, scale)


def main():
    seed_everything(7)
    tmp = ROOT / "training" / "runs" / "fixture"
    tmp.mkdir(parents=True, exist_ok=True)
    tokenizer = tiny_tokenizer(tmp / "tokenizer.json")
    tok = load_tokenizer(tmp)

    ner = BertForTokenClassification(config(
        type_vocab_size=4, num_labels=len(NER_LABELS),
        id2label=dict(enumerate(NER_LABELS)), label2id={l: i for i, l in enumerate(NER_LABELS)})).eval()
    ner.config.claimsift_casing = "word_case"
    randomize_head(ner, 2.0)  # random but confident labels, so spans appear
    ner.save_pretrained(tmp / "ner")
    export(tmp / "ner", OUT / "tiny-ner", tokenizer, "token")

    pair = BertForSequenceClassification(config(
        num_labels=len(PAIR_LABELS),
        id2label=dict(enumerate(PAIR_LABELS)), label2id={l: i for i, l in enumerate(PAIR_LABELS)})).eval()
    randomize_head(pair, 2.0)
    pair.save_pretrained(tmp / "pair")
    export(tmp / "pair", OUT / "tiny-stance", tokenizer, "pair")

    reference = {"ner": [], "pairs": [], "casing": []}
    for text in NER_TEXTS:
        enc = tok.encode(text)
        types = case_type_ids(text, enc.word_ids, enc.offsets)
        entry = {"text": text, "input_ids": enc.ids, "type_ids": types}
        if len(enc.ids) <= MAX_POSITIONS:
            with torch.no_grad():
                entry["logits"] = ner(input_ids=torch.tensor([enc.ids]), token_type_ids=torch.tensor([types])).logits[0].tolist()
        entry["spans"] = {a: reference_spans(ner, tok, text, a) for a in ["first", "average", "max"]}
        reference["ner"].append(entry)
    for target, text in PAIRS:
        enc = tok.encode(target, text)
        with torch.no_grad():
            logits = pair(input_ids=torch.tensor([enc.ids]), token_type_ids=torch.tensor([enc.type_ids])).logits[0]
        reference["pairs"].append({"target": target, "text": text, "input_ids": enc.ids, "type_ids": enc.type_ids,
                                   "probs": torch.softmax(logits, -1).tolist()})
    # The shipped NER model's tokenizer (MiniLM's) with the case feature.
    real = load_tokenizer(base_model_dir())
    for text in NER_TEXTS[:4]:
        enc = real.encode(text)
        reference["casing"].append({"text": text, "input_ids": enc.ids, "type_ids": case_type_ids(text, enc.word_ids, enc.offsets)})
    (OUT / "runtime_reference.json").write_text(json.dumps(reference, indent=1, ensure_ascii=False) + "\n")
    for name in ["tiny-ner", "tiny-stance"]:
        print(name, sum(f.stat().st_size for f in (OUT / name).iterdir()) // 1024, "KB")


if __name__ == "__main__":
    main()
