"""The Python contenders of benches/pipeline.py, each run as its own process
(so that its peak RSS and startup are its own).

    python benches/contenders.py reference|spacy run|tune|f1 --input FILE --result FILE [options]

Jobs: `run` processes a JSON Lines corpus ({"id", "text"} per line) with one
batch size and writes CSV files to --out; `tune` does the same for each of
--batch-sizes, timed in one process; `f1` reads one sentence per line of
--input and writes the entity spans found in each (scored by the caller).
--result receives a JSON object of timings and counts.

reference: sentences from a regular expression (a line break, or . ! ? then
space and an upper-case letter, digit or opening quote); entities from the
Hugging Face pipeline("token-classification", aggregation_strategy="simple")
over the NER model in PyTorch fp32, with the model's case feature computed as
training/common.py does and passed in token_type_ids; stance from
pipeline("text-classification") over (target, sentence) pairs, once per
sentence and distinct entity (PER, ORG, LOC, and MISC naming a group such as
"Armenians", as claimsift does), the target being the mention without a
possessive; numbers from a regular expression (written, not scored).

spacy: en_core_web_md through nlp.pipe(n_process=1): sentences from the
parser, entities from the NER, OntoNotes labels mapped to CoNLL's (see
ONTONOTES_TO_CONLL); the tagger, attribute ruler and lemmatizer are not
loaded, as they are not needed for sentences and entities.
"""
import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# OntoNotes → CoNLL-2003. Dropped (not names): DATE, TIME, PERCENT, MONEY,
# QUANTITY, ORDINAL, CARDINAL.
ONTONOTES_TO_CONLL = {
    "PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC",
    "NORP": "MISC", "EVENT": "MISC", "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "PRODUCT": "MISC",
}
SPACY_UNUSED = ["tagger", "attribute_ruler", "lemmatizer"]

# A sentence ends at . ! or ? (optionally closed by a quote or bracket) before
# white space and an upper-case letter, a digit or an opening quote.
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z0-9])")
NUMBER = re.compile(r"(?<![\w.])[-+]?\d[\d,]*(?:\.\d+)?%?")
STANCE_TYPES = {"PER", "ORG", "LOC"}
CHUNK_DOCS = 64  # documents per batch of work, as claimsift bounds its chunks


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for gap in SENTENCE_BREAK.finditer(line.group()):
            spans.append((start, line.start() + gap.start()))
            start = line.start() + gap.end()
        spans.append((start, line.end()))
    out = []
    for s, e in spans:
        piece = text[s:e]
        if piece.strip():
            s += len(piece) - len(piece.lstrip())
            out.append((s, s + len(piece.strip())))
    return out


def stance_target(surface: str, etype: str) -> str | None:
    """The target text of a mention, or None when it gets no stance."""
    name = re.sub(r"(’s|'s|’|')$", "", " ".join(surface.split())).strip(" \"“”‘’,;:")
    if etype in STANCE_TYPES or (etype == "MISC" and name[:1].isupper() and name.endswith("s") and not name.endswith("ss")):
        return name or None
    return None


def read_corpus(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class Writer:
    """The CSV files of a run: sentences, entities (with stance), numbers."""

    def __init__(self, out: Path):
        out.mkdir(parents=True, exist_ok=True)
        self.files = [open(out / n, "w", encoding="utf-8", newline="") for n in ["sentences.csv", "entities.csv", "numbers.csv"]]
        self.sentences, self.entities, self.numbers = (csv.writer(f) for f in self.files)
        self.sentences.writerow(["doc_id", "sent_idx", "start", "end", "sentence"])
        self.entities.writerow(["doc_id", "sent_idx", "start", "end", "entity", "type", "score", "stance", "stance_score"])
        self.numbers.writerow(["doc_id", "sent_idx", "start", "end", "text"])
        self.counts = {"docs": 0, "sentences": 0, "entities": 0, "stance_pairs": 0, "numbers": 0}

    def close(self):
        for f in self.files:
            f.close()


# ---------------------------------------------------------------- reference


def load_reference(args):
    """NER and stance pipelines (stance None when --stance-model is not given)."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoModelForTokenClassification, pipeline

    torch.set_num_threads(args.threads)
    ner = pipeline("token-classification", model=AutoModelForTokenClassification.from_pretrained(args.ner_model),
                   tokenizer=case_typed_tokenizer(args.ner_tokenizer), aggregation_strategy="simple", device="cpu")
    stance = None
    if args.stance_model:
        stance = pipeline("text-classification", model=AutoModelForSequenceClassification.from_pretrained(args.stance_model),
                          tokenizer=plain_tokenizer(args.stance_tokenizer), device="cpu")
    return ner, stance


SPECIAL_TOKENS = {"unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]"}


def plain_tokenizer(folder):
    """The model folder's tokenizer.json (the base's, padding and truncation off) as a transformers tokenizer."""
    from transformers import PreTrainedTokenizerFast

    return PreTrainedTokenizerFast(tokenizer_file=str(Path(folder) / "tokenizer.json"), model_max_length=512, **SPECIAL_TOKENS)


def case_typed_tokenizer(folder):
    """The model's tokenizer, whose single-text encodings carry the word case
    classes in token_type_ids (training/common.py case_type_ids), which the
    NER model was trained with: the stock pipeline then passes them on."""
    import torch
    from transformers import PreTrainedTokenizerFast

    sys.path.insert(0, str(ROOT / "training"))
    from common import case_type_ids

    class CaseTyped(PreTrainedTokenizerFast):
        def __call__(self, text=None, *rest, **kwargs):
            enc = super().__call__(text, *rest, **kwargs)
            if isinstance(text, str) and not rest and kwargs.get("text_pair") is None:
                types = [case_type_ids(text, e.word_ids, e.offsets) for e in enc.encodings]
                enc["token_type_ids"] = torch.tensor(types) if kwargs.get("return_tensors") == "pt" else types[0]
            return enc

    return CaseTyped(tokenizer_file=str(Path(folder) / "tokenizer.json"), model_max_length=512, **SPECIAL_TOKENS)


def reference_process(models, docs, batch_size, out: Path) -> dict:
    ner, stance = models
    w = Writer(out)
    for c in range(0, len(docs), CHUNK_DOCS):
        chunk = docs[c : c + CHUNK_DOCS]
        sents = [(d["id"], i, d["text"], s, e) for d in chunk for i, (s, e) in enumerate(sentence_spans(d["text"]))]
        found = ner([text[s:e] for _, _, text, s, e in sents], batch_size=batch_size) if sents else []
        pairs = {}  # (sentence number, target) → pair index
        for k, ((_, _, text, s, _), ents) in enumerate(zip(sents, found)):
            for ent in ents:
                target = stance_target(text[s + ent["start"] : s + ent["end"]], ent["entity_group"])
                if stance is not None and target:
                    pairs.setdefault((k, target), len(pairs))
        keys = list(pairs)
        labels = stance([{"text": t, "text_pair": sents[k][2][sents[k][3] : sents[k][4]]} for k, t in keys],
                        batch_size=batch_size, truncation=True) if keys else []
        for k, ((doc_id, i, text, s, e), ents) in enumerate(zip(sents, found)):
            w.sentences.writerow([doc_id, i, s, e, text[s:e]])
            for ent in ents:
                a, b = s + ent["start"], s + ent["end"]
                p = pairs.get((k, stance_target(text[a:b], ent["entity_group"])))
                st = labels[p] if p is not None else {"label": "", "score": ""}
                w.entities.writerow([doc_id, i, a, b, text[a:b], ent["entity_group"], f"{ent['score']:.4f}", st["label"], st["score"]])
            for m in NUMBER.finditer(text, s, e):
                w.numbers.writerow([doc_id, i, m.start(), m.end(), m.group()])
                w.counts["numbers"] += 1
            w.counts["entities"] += len(ents)
        w.counts["docs"] += len(chunk)
        w.counts["sentences"] += len(sents)
        w.counts["stance_pairs"] += len(keys)
    w.close()
    return w.counts


def reference_spans(models, sentences, batch_size) -> list[list]:
    ner, _ = models
    return [[(e["start"], e["end"], e["entity_group"]) for e in ents] for ents in ner(sentences, batch_size=batch_size)]


# -------------------------------------------------------------------- spaCy


def load_spacy(args):
    import spacy

    return spacy.load(args.spacy_model, exclude=SPACY_UNUSED)


def spacy_process(nlp, docs, batch_size, out: Path) -> dict:
    w = Writer(out)
    for d, doc in zip(docs, nlp.pipe((d["text"] for d in docs), batch_size=batch_size, n_process=1)):
        sents = list(doc.sents)
        index = {s.start: i for i, s in enumerate(sents)}
        for i, s in enumerate(sents):
            w.sentences.writerow([d["id"], i, s.start_char, s.end_char, s.text])
        for ent in doc.ents:
            etype = ONTONOTES_TO_CONLL.get(ent.label_)
            if etype:
                w.entities.writerow([d["id"], index[ent.sent.start], ent.start_char, ent.end_char, ent.text, etype, "", "", ""])
                w.counts["entities"] += 1
        w.counts["docs"] += 1
        w.counts["sentences"] += len(sents)
    w.close()
    return w.counts


def spacy_spans(nlp, sentences, batch_size) -> list[list]:
    return [[(e.start_char, e.end_char, ONTONOTES_TO_CONLL[e.label_]) for e in doc.ents if e.label_ in ONTONOTES_TO_CONLL]
            for doc in nlp.pipe(sentences, batch_size=batch_size, n_process=1)]


CONTENDERS = {"reference": (load_reference, reference_process, reference_spans), "spacy": (load_spacy, spacy_process, spacy_spans)}


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("contender", choices=sorted(CONTENDERS))
    p.add_argument("job", choices=["run", "tune", "f1"])
    p.add_argument("--input", type=Path, required=True)
    p.add_argument("--result", type=Path, required=True)
    p.add_argument("--out", type=Path, help="folder for the CSV files (run, tune)")
    p.add_argument("--batch-sizes", default="32", help="comma-separated; run and f1 use the first")
    p.add_argument("--threads", type=int, default=2, help="torch threads (reference)")
    p.add_argument("--ner-model", help="Hugging Face folder of the NER model (reference)")
    p.add_argument("--ner-tokenizer", default=str(ROOT / "models" / "ner"))
    p.add_argument("--stance-model", help="Hugging Face folder of the stance model (reference); none: no stance")
    p.add_argument("--stance-tokenizer", default=str(ROOT / "models" / "stance"))
    p.add_argument("--spacy-model", help="spaCy model folder (spacy)")
    args = p.parse_args()
    load, process, spans = CONTENDERS[args.contender]
    sizes = [int(b) for b in args.batch_sizes.split(",")]
    t = time.perf_counter()
    models = load(args)
    result = {"load_s": time.perf_counter() - t}
    if args.job == "f1":
        sentences = args.input.read_text(encoding="utf-8").splitlines()
        result["spans"] = spans(models, sentences, sizes[0])
    else:
        docs = read_corpus(args.input)
        result["seconds_by_batch"] = {}
        if args.job == "tune":  # warm-up, so that the first size tried does not pay for it
            process(models, docs[:1], sizes[0], args.out / "warm-up")
        for b in sizes if args.job == "tune" else sizes[:1]:
            t = time.perf_counter()
            result["counts"] = process(models, docs, b, args.out / f"batch{b}")
            result["seconds_by_batch"][b] = time.perf_counter() - t
    args.result.write_text(json.dumps(result), encoding="utf-8")


if __name__ == "__main__":
    main()
