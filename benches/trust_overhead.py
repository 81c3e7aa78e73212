"""Does the trust work (language detection, formula guard, output lock, id
check) slow `claimsift run` down? Runs a reference build and this build on
the sample input in turn, N times each, and compares medians.

    python3 benches/trust_overhead.py --reference /path/to/main/target/release/claimsift [--runs 7] [--text-only]

CPU time (user + system of the run, from the OS) is the figure compared:
on a shared machine wall time moves with the other load, CPU time much less.
Wall time is printed too. Needs only Python 3 and the two binaries.
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(binary: str, out: Path, extra: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([binary, "run", str(ROOT / "input"), "-o", str(out), "--quiet", *extra], check=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reference", required=True, help="claimsift binary to compare with (e.g. main's release build)")
    parser.add_argument("--candidate", default=str(ROOT / "target" / "release" / "claimsift"))
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--text-only", action="store_true", help="--no-ner: the text pipeline only, where fixed costs weigh most")
    parser.add_argument("--threads", default="2")
    args = parser.parse_args()
    extra = ["--threads", args.threads] + (["--no-ner"] if args.text_only else [])
    times = {"reference": [], "candidate": []}
    with tempfile.TemporaryDirectory() as tmp:
        for name in times:  # one warm-up each: page cache, model files
            one_run(getattr(args, name), Path(tmp) / name, extra)
        for _ in range(args.runs):
            for name in times:
                times[name].append(one_run(getattr(args, name), Path(tmp) / name, extra))
    median = {name: (statistics.median(c for c, _ in t), statistics.median(w for _, w in t)) for name, t in times.items()}
    (ref_cpu, ref_wall), (cand_cpu, cand_wall) = median["reference"], median["candidate"]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; {args.runs} runs each, {'--no-ner' if args.text_only else 'NER + stance'}, --threads {args.threads}")
    print(f"reference  CPU {ref_cpu:.3f} s  wall {ref_wall:.3f} s  ({args.reference})")
    print(f"candidate  CPU {cand_cpu:.3f} s  wall {cand_wall:.3f} s  ({args.candidate})")
    print(f"candidate / reference: CPU {cand_cpu / ref_cpu:.3f}, wall {cand_wall / ref_wall:.3f}")
    sys.exit(0)


if __name__ == "__main__":
    main()
