"""Build the tiny runtime test models in tests/fixtures/ and their reference outputs.

    python training/make_fixture.py

Three 2-layer BERTs with random weights (seeded) on a 2,000-entry slice of the
MiniLM vocabulary: a token classifier that uses the word-case feature, the
same with two label sets on one head (CoNLL types and OntoNotes fine types,
each with its restart prior, as training/train_ner.py --ontonotes writes
them) and a pair classifier with a deliberately unusual label order. The reference file
holds what Python computes: input ids and type ids, PyTorch fp32 logits, pair
probabilities, and entity spans from the reference decoder below (windows,
aggregation, constrained BIO path per label set, edges trimmed, fine types joined), which the Rust runtime must reproduce.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

import numpy as np
import torch
from transformers import BertConfig, BertForSequenceClassification, BertForTokenClassification

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, base_model_dir, case_type_ids, load_tokenizer, seed_everything  # noqa: E402
from export import export  # noqa: E402
from fixed_scales import write_fixed  # noqa: E402

OUT = ROOT / "tests" / "fixtures"
VOCAB = 2000
MAX_POSITIONS = 64  # small, so that the long test text needs several windows
NER_LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
PAIR_LABELS = ["neutral", "against", "favor"]
# The joint model's second label set (training/train_ner.py --ontonotes).
ONTO_TYPES = ["PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE",
              "DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"]
ONTO_LABELS = ["O"] + [f"{p}-{t}" for t in ONTO_TYPES for p in ("B", "I")]
NUMERIC_TYPES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
# Restart priors of the two-set fixture, strong enough to change some paths.
TYPE_RESTART = {"PER": -6.0, "ORG": -1.5, "LOC": -3.0, "MISC": -0.5}
FINE_RESTART = {t: -4.0 for t in ONTO_TYPES}

NER_TEXTS = [
    "Russian President Vladimir Putin met Ilham Aliyev in Moscow.",
    "NATO, the EU and Turkey’s Erdogan said nothing about Nagorno-Karabakh.",
    "A Post-Soviet Russian-brokered deal: iPhone makers in the U.S. watched.",
    "Ölçek and café owners in Baku reopened.",
    " ".join(["The ceasefire held in Stepanakert while Armenian and Azerbaijani forces waited."] * 8),
    "Mr. Clinton and Mrs. Clinton flew to Washington, D.C. on 5 May 1996, with 40% of \"the U.S. delegation\".",
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


def reference_bio_path(dists: list[np.ndarray], labels: list[str], restart: dict[str, float]) -> list[int]:
    """The most probable label sequence in which I-X only follows B-X or I-X (Viterbi), a name
    of type X right after another scored with restart[X]."""
    tags = [(None, "O") if t == "O" else (t[0], t[2:]) for t in labels]

    def allowed(prev, nxt):
        return tags[nxt][0] != "I" or (prev is not None and tags[prev][0] is not None and tags[prev][1] == tags[nxt][1])

    def transition(prev, nxt):
        if not allowed(prev, nxt):
            return -np.inf
        if tags[prev][0] is not None and tags[nxt][0] == "B" and tags[prev][1] == tags[nxt][1]:
            return restart.get(tags[nxt][1], 0.0)
        return 0.0

    size = len(labels)
    logp = np.log(np.maximum(np.array(dists, dtype=np.float32), 1e-12)).astype(np.float32)
    trans = np.array([[transition(k, l) for l in range(size)] for k in range(size)], dtype=np.float32)
    score = np.array([logp[0][l] if allowed(None, l) else -np.inf for l in range(size)], dtype=np.float32)
    back = []
    for w in range(1, len(dists)):
        cand = score[:, None] + trans
        back.append(cand.argmax(0))
        score = cand.max(0) + logp[w]
    path = [int(score.argmax())]
    for came_from in reversed(back):
        path.append(int(came_from[path[-1]]))
    return path[::-1]


def is_edge(c: str, last: bool = False) -> bool:
    """Spaces and punctuation: a name starts and ends on a word character (or ends on %)."""
    return c.isspace() or (unicodedata.category(c).startswith("P") and not (last and c == "%"))


INITIALISM = re.compile(r"(?:^|[^\w.]|[\d_])(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}$")


def trim_edges(text: str, start: int, end: int):
    """The span without edge spaces and punctuation, keeping an initialism's final period."""
    s, e = start, end
    while s < e and is_edge(text[s]):
        s += 1
    while e > s and is_edge(text[e - 1], last=True):
        e -= 1
    if s == e:
        return None
    if INITIALISM.search(text[s:e]) and e < end and text[e] == ".":
        e += 1
    return s, e


def decode_set(text, words, dists, labels, restart):
    labels = [l.split(":", 1)[-1] for l in labels]
    path = reference_bio_path(dists, labels, restart)
    spans, cur = [], None
    for (s, e), label, d in zip(words, path, dists):
        tag = labels[label]
        prefix, kind = (tag[0], tag[2:]) if tag != "O" else (None, "O")
        if prefix == "I" and cur is not None and cur["type"] == kind:
            cur["end"], cur["scores"] = e, cur["scores"] + [float(d[label])]
            continue
        if cur is not None:
            spans.append(cur)
        cur = {"start": s, "end": e, "type": kind, "scores": [float(d[label])]} if kind != "O" else None
    if cur is not None:
        spans.append(cur)
    out = []
    for c in spans:
        trimmed = trim_edges(text, c["start"], c["end"])
        if trimmed is not None:
            out.append({"start": trimmed[0], "end": trimmed[1], "type": c["type"], "fine_type": "",
                        "score": float(np.mean(np.array(c["scores"], dtype=np.float32)))})
    return out


def join_fine_types(spans, fine):
    """Each span's fine type: the same fine span first, else the one overlapping it most (the
    first of equal overlaps); numeric fine spans added as NUM spans."""
    def overlap(a, b):
        return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))
    for span in spans:
        exact = [f for f in fine if (f["start"], f["end"]) == (span["start"], span["end"])]
        best = None
        for f in fine:
            if overlap(f, span) > 0 and (best is None or overlap(f, span) > overlap(best, span)):
                best = f
        chosen = exact[0] if exact else best
        if chosen is not None:
            span["fine_type"] = chosen["type"]
    spans += [dict(f, type="NUM", fine_type=f["type"]) for f in fine if f["type"] in NUMERIC_TYPES]
    return sorted(spans, key=lambda s: (s["start"], s["end"]))


def reference_spans(model, tok, text: str, aggregation: str, label_sets=None) -> list[dict]:
    enc = tok.encode(text, add_special_tokens=False)
    types = case_type_ids(text, enc.word_ids, enc.offsets)
    n = len(enc.ids)
    stride = MAX_POSITIONS // 4
    windows = reference_windows(n, MAX_POSITIONS, stride)
    best = [None] * n
    logits = [None] * n
    for w, (s, e) in enumerate(windows):
        ids = torch.tensor([[101] + enc.ids[s:e] + [102]])
        tt = torch.tensor([[0] + types[s:e] + [0]])
        with torch.no_grad():
            out = model(input_ids=ids, token_type_ids=tt).logits[0]
        for t in range(s, e):
            d = min(t - s, e - 1 - t)
            if best[t] is None or d > best[t]:
                best[t], logits[t] = d, out[1 + t - s]
    groups = []  # the tokens of each word
    t = 0
    while t < n:
        members = [t]
        while t + 1 < n and enc.word_ids[t + 1] is not None and enc.word_ids[t + 1] == enc.word_ids[t]:
            t += 1
            members.append(t)
        t += 1
        groups.append(members)
    words = [(enc.offsets[m[0]][0], max(enc.offsets[i][1] for i in m)) for m in groups]
    labels = model.config.id2label
    sets = label_sets or {"type": [0, len(labels)]}
    decoded = {}
    for name, (lo, hi) in sets.items():
        probs = [torch.softmax(row[lo:hi], -1).numpy() for row in logits]
        dists = []
        for members in groups:
            ps = [probs[m] for m in members]
            if aggregation == "first":
                dists.append(ps[0])
            elif aggregation == "max":
                dists.append(ps[max(range(len(ps)), key=lambda i: ps[i].max())])
            else:
                dists.append(np.mean(ps, axis=0))
        restart = getattr(model.config, "claimsift_restart_log_prob" if name == "type" else "claimsift_fine_restart_log_prob", {})
        decoded[name] = decode_set(text, words, dists, [labels[i] for i in range(lo, hi)], restart)
    spans = decoded["type"]
    if "fine_type" in decoded:
        spans = join_fine_types(spans, decoded["fine_type"])
    return [dict(span, text=text[span["start"]:span["end"]]) for span in spans]


def randomize_head(model, scale: float) -> None:
    with torch.no_grad():
        model.classifier.weight.normal_(0, scale)
        model.classifier.bias.normal_(0, scale)


def fixed_fixture(tok) -> None:
    """tiny-ner's int8 model on fixed activation scales (training/fixed_scales.py),
    calibrated on the test texts that fit one window: batchable int8."""
    texts = [(t, None) for t in NER_TEXTS if len(tok.encode(t).ids) <= MAX_POSITIONS]
    write_fixed(OUT / "tiny-ner", OUT / "tiny-ner-fixed", texts)


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
    fixed_fixture(tok)

    pair = BertForSequenceClassification(config(
        num_labels=len(PAIR_LABELS),
        id2label=dict(enumerate(PAIR_LABELS)), label2id={l: i for i, l in enumerate(PAIR_LABELS)})).eval()
    randomize_head(pair, 2.0)
    pair.save_pretrained(tmp / "pair")
    export(tmp / "pair", OUT / "tiny-stance", tokenizer, "pair")

    # One head, two label sets (the joint CoNLL + OntoNotes model's layout).
    fine_labels = NER_LABELS + [f"onto:{l}" for l in ONTO_LABELS]
    fine = BertForTokenClassification(config(
        type_vocab_size=4, num_labels=len(fine_labels),
        id2label=dict(enumerate(fine_labels)), label2id={l: i for i, l in enumerate(fine_labels)})).eval()
    fine.config.claimsift_casing = "word_case"
    fine.config.claimsift_label_sets = {"type": [0, len(NER_LABELS)], "fine_type": [len(NER_LABELS), len(fine_labels)]}
    fine.config.claimsift_restart_log_prob = TYPE_RESTART
    fine.config.claimsift_fine_restart_log_prob = FINE_RESTART
    randomize_head(fine, 2.0)
    fine.save_pretrained(tmp / "ner-fine")
    export(tmp / "ner-fine", OUT / "tiny-ner-fine", tokenizer, "token")

    reference = {"ner": [], "ner_fine": [], "pairs": [], "casing": []}
    for text in NER_TEXTS:
        enc = tok.encode(text)
        types = case_type_ids(text, enc.word_ids, enc.offsets)
        entry = {"text": text, "input_ids": enc.ids, "type_ids": types}
        if len(enc.ids) <= MAX_POSITIONS:
            with torch.no_grad():
                entry["logits"] = ner(input_ids=torch.tensor([enc.ids]), token_type_ids=torch.tensor([types])).logits[0].tolist()
        entry["spans"] = {a: reference_spans(ner, tok, text, a) for a in ["first", "average", "max"]}
        reference["ner"].append(entry)
        reference["ner_fine"].append({"text": text, "spans": {
            a: reference_spans(fine, tok, text, a, fine.config.claimsift_label_sets) for a in ["first", "average", "max"]}})
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
    for name in ["tiny-ner", "tiny-ner-fixed", "tiny-ner-fine", "tiny-stance"]:
        print(name, sum(f.stat().st_size for f in (OUT / name).iterdir()) // 1024, "KB")


if __name__ == "__main__":
    main()
