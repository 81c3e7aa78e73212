"""Inference speed against the hardware (issue 25): claimsift's sequences/s for
NER and stance, ONNX Runtime from Python on the same model files in its best
layout, and the share of the int8 multiply-accumulate peak each reaches.

    python benches/inference_peak.py [--ner models/ner] [--stance models/stance]
        [--count 2000] [--rounds 3] [--threads 2] [--batch-tokens N]

Workload: the sentences of `claimsift run input/` (NER) and its (canonical
entity, sentence) stance pairs, each list repeated to --count. claimsift runs
`claimsift ner --lines` and `claimsift stance` on them; its rate is --count
over the time beyond a run on 8 inputs (start-up and model loading taken
out). ONNX Runtime's best layout, measured on this machine in issue 25: one
session of one thread per core, each on its half of the inputs in
length-sorted batches of 32. Rounds alternate the contenders; the best round
counts.

Peak: cores × 64 int8 MACs a cycle (AVX-512 VNNI: one 512-bit VPDPBUSD a
cycle) at the clock measured by a busy loop of dependent adds running on
every core at once (the clock under load). MACs a token: the encoder's
matmuls from config.json, L × (4 h² + 2 h i); attention scores and the
classifier run in fp32 and are not counted, so the share is a lower bound.
A benchmark, not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import onnxruntime as ort

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "claimsift"
sys.path.insert(0, str(ROOT / "training"))
from common import case_type_ids, load_tokenizer  # noqa: E402

BUSY_LOOP = r"""
#include <stdio.h>
#include <time.h>
int main(void) {
    struct timespec a, b;
    unsigned long x = 0, n = 200000000UL;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (unsigned long i = 0; i < n; i++)
        __asm__ volatile("add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\t"
                         "add $1, %0\n\tadd $1, %0\n\tadd $1, %0\n\tadd $1, %0" : "+r"(x));
    clock_gettime(CLOCK_MONOTONIC, &b);
    double s = (b.tv_sec - a.tv_sec) + (b.tv_nsec - a.tv_nsec) / 1e9;
    printf("%f\n", 8.0 * n / s / 1e9);  /* dependent adds: one a cycle */
    return (int)(x & 1);
}
"""


def clock_ghz(cores: int, tmp: Path) -> float:
    """Clock of each core while all are busy: eight dependent adds an
    iteration (one cycle each) on every core at once; the mean."""
    src, exe = tmp / "busy.c", tmp / "busy"
    src.write_text(BUSY_LOOP)
    subprocess.run(["cc", "-O1", "-o", str(exe), str(src)], check=True)
    procs = [subprocess.Popen([str(exe)], stdout=subprocess.PIPE, text=True) for _ in range(cores)]
    return float(np.mean([float(p.communicate()[0]) for p in procs]))


def workload(tmp: Path, count: int) -> tuple[list[str], list[tuple[str, str]]]:
    out = tmp / "run"
    subprocess.run([str(BINARY), "run", str(ROOT / "input"), "-o", str(out)], check=True, capture_output=True)
    with open(out / "claims.csv", encoding="utf-8", newline="") as f:
        claims = {(r["doc_id"], r["sent_idx"]): r["sentence"] for r in csv.DictReader(f)}
    with open(out / "entities.csv", encoding="utf-8", newline="") as f:
        pairs = [(r["canonical"] or r["entity"], claims[(r["doc_id"], r["sent_idx"])])
                 for r in csv.DictReader(f) if r["stance"]]
    sentences = [s.replace("\n", " ") for s in claims.values()]
    repeat = lambda xs: [xs[i % len(xs)] for i in range(count)]  # noqa: E731
    return repeat(sentences), repeat(pairs)


def claimsift_seconds(task: str, model: Path, items, threads: int, tmp: Path, batch_tokens: int | None) -> float:
    if task == "ner":
        path = tmp / "ner.txt"
        path.write_text("\n".join(items) + "\n", encoding="utf-8")
        cmd, stdin = [str(BINARY), "ner", "--lines", str(path)], None
    else:
        cmd = [str(BINARY), "stance"]
        stdin = "".join(json.dumps({"target": t, "text": s}) + "\n" for t, s in items)
    cmd += ["--model", str(model), "--threads", str(threads)]
    if batch_tokens is not None:
        cmd += ["--batch-tokens", str(batch_tokens)]
    start = time.perf_counter()
    subprocess.run(cmd, input=stdin, check=True, capture_output=True, text=True)
    return time.perf_counter() - start


def encoded(task: str, model: Path, items) -> list[dict]:
    tok = load_tokenizer(model)
    config = json.loads((model / "config.json").read_text())
    rows = []
    for item in items:
        if task == "ner":
            e = tok.encode(item)
            types = case_type_ids(item, e.word_ids, e.offsets) if config.get("claimsift_casing") == "word_case" else e.type_ids
        else:
            e = tok.encode(*item)
            types = e.type_ids
        rows.append({"input_ids": e.ids, "token_type_ids": types})
    return rows


def ort_seconds(model: Path, rows: list[dict], threads: int, batch: int) -> float:
    """One single-threaded session per thread, each on its share of the rows
    (length-sorted, interleaved so the shares are even) in batches of `batch`."""
    def session():
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = 1
        opts.inter_op_num_threads = 1
        return ort.InferenceSession(str(model / "model.int8.onnx"), opts, providers=["CPUExecutionProvider"])

    sessions = [session() for _ in range(threads)]
    names = {i.name for i in sessions[0].get_inputs()}
    order = sorted(range(len(rows)), key=lambda k: len(rows[k]["input_ids"]))
    feeds = []
    for start in range(0, len(order), batch):
        chunk = [rows[k] for k in order[start:start + batch]]
        width = max(len(r["input_ids"]) for r in chunk)
        feed = {n: np.zeros((len(chunk), width), dtype=np.int64) for n in ("input_ids", "token_type_ids", "attention_mask")}
        for r, row in enumerate(chunk):
            n = len(row["input_ids"])
            feed["input_ids"][r, :n] = row["input_ids"]
            feed["token_type_ids"][r, :n] = row["token_type_ids"]
            feed["attention_mask"][r, :n] = 1
        feeds.append({k: v for k, v in feed.items() if k in names})

    def work(t):
        for feed in feeds[t::threads]:
            sessions[t].run(None, feed)

    start = time.perf_counter()
    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    return time.perf_counter() - start


def macs_per_token(model: Path) -> int:
    c = json.loads((model / "config.json").read_text())
    h, i = c["hidden_size"], c["intermediate_size"]
    return c["num_hidden_layers"] * (4 * h * h + 2 * h * i)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--ner", type=Path, default=ROOT / "models" / "ner")
    p.add_argument("--stance", type=Path, default=ROOT / "models" / "stance")
    p.add_argument("--count", type=int, default=2000)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--batch-tokens", type=int, help="claimsift's most padded tokens a batch (default: its own)")
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sentences, pairs = workload(tmp, args.count)
        ghz = clock_ghz(args.threads, tmp)
        peak = args.threads * 64 * ghz * 1e9
        table = []
        for task, model, items in (("ner", args.ner, sentences), ("stance", args.stance, pairs)):
            rows = encoded(task, model, items)
            tokens = sum(len(r["input_ids"]) for r in rows)
            best = {"claimsift": np.inf, "ort batch 32": np.inf, "ort batch 1": np.inf}
            for _ in range(args.rounds):
                startup = claimsift_seconds(task, model, items[:8], args.threads, tmp, args.batch_tokens)
                seconds = claimsift_seconds(task, model, items, args.threads, tmp, args.batch_tokens)
                best["claimsift"] = min(best["claimsift"], seconds - startup)
                best["ort batch 32"] = min(best["ort batch 32"], ort_seconds(model, rows, args.threads, 32))
                best["ort batch 1"] = min(best["ort batch 1"], ort_seconds(model, rows, args.threads, 1))
            for name, seconds in best.items():
                table.append({"task": task, "model": str(model.relative_to(ROOT) if model.is_relative_to(ROOT) else model),
                              "contender": name, "seq_per_s": round(len(items) / seconds, 1),
                              "tokens_per_s": round(tokens / seconds),
                              "share_of_int8_peak": round(tokens / seconds * macs_per_token(model) / peak, 3)})
            table.append({"task": task, "tokens_per_sequence": round(tokens / len(items), 1)})
    print(json.dumps({"clock_ghz_under_load": round(ghz, 3), "threads": args.threads, "count": args.count,
                      "batch_tokens": args.batch_tokens,
                      "rounds": args.rounds, "cpu": os.uname().machine}))
    for row in table:
        print(json.dumps(row))


if __name__ == "__main__":
    main()
