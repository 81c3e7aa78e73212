"""Throughput of the text-only pipeline (ingest, clean, split, numbers, write).

    python3 benches/text_pipeline.py [--mb 50] [--baseline OTHER_BINARY [--repeat 7]]

Replicates the sample articles in input/ into a JSON Lines dump of at least
--mb megabytes, runs `claimsift run --no-ner` on it with 1 and 2 threads, and
prints MB/s and peak RSS. Builds the release binary first.

With --baseline, it then runs this build and the other binary (an older
build) in turn, --repeat times each on 1 thread, and prints MB per CPU second
(user + system time of the child) for both: on a machine others share, CPU time
compares two builds where wall time does not.
"""
import argparse
import json
import resource
import statistics
import subprocess
import tempfile
from pathlib import Path

from bench_common import peak_rss_mb_of

ROOT = Path(__file__).resolve().parent.parent


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--mb", type=float, default=50)
    p.add_argument("--baseline", type=Path, metavar="BINARY", help="an older claimsift binary to compare on CPU time")
    p.add_argument("--repeat", type=int, default=7)
    args = p.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "claimsift"
    articles = [f.read_text(encoding="utf-8") for f in sorted((ROOT / "input").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "dump.jsonl"
        size, n = 0, 0
        with open(dump, "w", encoding="utf-8") as f:
            while size < args.mb * 1e6:
                text = articles[n % len(articles)]
                line = json.dumps({"id": f"doc{n}", "text": text}, ensure_ascii=False) + "\n"
                f.write(line)
                size += len(line.encode())
                n += 1
        text_mb = sum(len(articles[i % len(articles)].encode()) for i in range(n)) / 1e6
        print(f"corpus: {n} documents, {size / 1e6:.1f} MB of JSON Lines, {text_mb:.1f} MB of article text")
        for threads in [1, 2]:
            seconds, rss = peak_rss_mb_of([str(binary), "run", str(dump), "-o", str(Path(tmp) / "out"), "--no-ner",
                                           "--quiet", "--threads", str(threads)])
            print(f"threads {threads}: {seconds:.2f} s, {text_mb / seconds:.1f} MB/s of article text, "
                  f"{n / seconds:.0f} docs/s, peak RSS {rss:.0f} MB")
        if args.baseline:
            rates = {"this build": [], f"baseline {args.baseline}": []}
            for _ in range(args.repeat):
                for (name, runs), exe in zip(rates.items(), [binary, args.baseline]):
                    runs.append(text_mb / cpu_seconds([str(exe), "run", str(dump), "-o", str(Path(tmp) / "out"), "--no-ner",
                                                       "--quiet", "--threads", "1"]))
            for name, runs in rates.items():
                print(f"{name}: median {statistics.median(runs):.1f}, best {max(runs):.1f} MB per CPU second "
                      f"(1 thread, {args.repeat} runs)")


def cpu_seconds(cmd):
    """User plus system CPU time of one run of cmd."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


if __name__ == "__main__":
    main()
