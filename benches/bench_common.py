"""Helpers shared by the benchmark scripts: CoNLL-2003 reading, entity spans
to CoNLL tags, and timing a child process with its peak RSS.

Light on imports on purpose: benchmark children import this module, and what
it imports would count in their startup time and memory. (Not named
common.py: training/common.py is imported as `common` by the same scripts.)
"""
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# As training/common.py (DATA) says, without importing it: it imports torch,
# which would weigh on the spaCy child.
CONLL_DEV = Path(os.environ.get("CLAIMSIFT_SHARED", ROOT.parent / "shared")) / "data" / "conll2003" / "dev.txt"


def conll_documents(path: Path = CONLL_DEV) -> list[list[tuple[list[str], list[str]]]]:
    """Documents (split at -DOCSTART-) of sentences (tokens, tags); the tag is the last column."""
    docs = []
    for block in re.split(r"^-DOCSTART-.*$", path.read_text(encoding="utf-8"), flags=re.M):
        rows = [[line.split(" ") for line in para.splitlines()] for para in re.split(r"\n\s*\n", block) if para.strip()]
        if rows:
            docs.append([([c[0] for c in row], [c[-1] for c in row]) for row in rows])
    return docs


def conll_sentences(n: int | None = None, path: Path = CONLL_DEV) -> list[str]:
    """The first n sentences of a CoNLL file, tokens joined by spaces."""
    return [" ".join(tokens) for doc in conll_documents(path) for tokens, _ in doc][:n]


def spans_to_tags(tokens: list[str], spans) -> list[str]:
    """IOB2 tags of CoNLL tokens from predicted (start, end, type) character
    spans over the tokens joined by spaces: a token gets B-/I-TYPE when a span
    covers its first character (as training/eval_ner_rust.py scores)."""
    starts = [sum(len(t) + 1 for t in tokens[:i]) for i in range(len(tokens))]
    tags = ["O"] * len(tokens)
    for start, end, etype in spans:
        inside = [i for i, s in enumerate(starts) if start <= s < end]
        for k, i in enumerate(inside):
            tags[i] = ("B-" if k == 0 else "I-") + etype
    return tags


def peak_rss_mb_of(cmd, env=None):
    """Runs cmd in a child and returns (seconds, its peak RSS in MB). The
    child's stdout goes to stderr, so that it cannot garble the measurement."""
    code = ("import resource,subprocess,sys,time; t=time.time(); r=subprocess.run(sys.argv[1:], stdout=sys.stderr); "
            "print(time.time()-t, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(r.returncode)")
    out = subprocess.run([sys.executable, "-c", code, *map(str, cmd)], check=True, stdout=subprocess.PIPE, text=True, env=env).stdout.split()
    return float(out[0]), int(out[1]) / 1024
