"""Time of `claimsift report` against the run it reports on.

    python3 benches/report.py [--docs 100] [--sentences 45] [--threads 2]

Builds --docs documents of --sentences sentences each, drawn (seeded) from
the sample articles in input/, then times `claimsift run` (NER and stance)
and `claimsift report` on its output, and prints the ratio. Two corpora:
the sentences as they are (a dump about one event, where sources repeat one
another), and the same with every digit redrawn per document, so that no
number mention repeats and every context is embedded (the report's worst
case). Builds the release binary first. Standard library only.
"""
import argparse
import json
import random
import re
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "claimsift"


def sample_sentences() -> list[str]:
    sentences = []
    for path in sorted((ROOT / "input").glob("*.txt")):
        out = subprocess.run([str(BINARY), "split", str(path)], check=True, capture_output=True, text=True).stdout
        sentences += [json.loads(line)["text"] for line in out.splitlines()]
    return [s for s in sentences if len(s.split()) >= 4]


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run([str(BINARY), *args], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--docs", type=int, default=100)
    p.add_argument("--sentences", type=int, default=45)
    p.add_argument("--threads", type=int, default=2)
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    pool = sample_sentences()
    for redraw_digits in [False, True]:
        rng = random.Random(7)
        with tempfile.TemporaryDirectory() as tmp:
            dump = Path(tmp) / "dump.jsonl"
            with open(dump, "w", encoding="utf-8") as f:
                for n in range(args.docs):
                    text = " ".join(rng.sample(pool, args.sentences))
                    if redraw_digits:
                        text = re.sub(r"\d", lambda _: str(rng.randint(1, 9)), text)
                    f.write(json.dumps({"id": f"doc{n:03}", "text": text}, ensure_ascii=False) + "\n")
            out = str(Path(tmp) / "out")
            threads = ["--threads", str(args.threads)]
            run = timed(["run", str(dump), "-o", out, "--quiet", *threads])
            report = timed(["report", out, *threads])
            groups = sum(1 for _ in open(Path(out) / "quantities.csv")) - 1
            numbers = sum(1 for _ in open(Path(out) / "numbers.csv")) - 1
            name = "digits redrawn" if redraw_digits else "sample sentences"
            print(f"{name}: {args.docs} documents, {numbers} numbers; run {run:.1f} s, report {report:.2f} s "
                  f"({100 * report / run:.1f}% of the run), {groups} grouped mentions")


if __name__ == "__main__":
    main()
