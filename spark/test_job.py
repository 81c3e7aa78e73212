#!/usr/bin/env python3
"""The Spark job, for real: Spark in local mode (4 partitions, 4 worker
threads) over the sample articles and a generated dump of 200 articles; its
output must equal a single-machine `claimsift run` byte for byte (JSON Lines,
and the CSV files `claimsift merge` makes of them).

    .spark-venv/bin/python spark/test_job.py target/release/claimsift [--shipped-models]

The tiny test models keep it fast (tests/fixtures/tiny-*); --shipped-models
runs the models in models/. The binary, ONNX Runtime and the models reach the
executors as a cluster's would: --files and --archives.
"""
import argparse
import filecmp
import json
import os
import pathlib
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


def sample_dump(path):
    with open(path, "w", encoding="utf-8") as f:
        for article in sorted((REPO / "input").glob("*.txt")):
            f.write(json.dumps({"id": article.stem, "text": article.read_text(encoding="utf-8")}, ensure_ascii=False) + "\n")


def timed(command, **kwargs):
    start = time.monotonic()
    subprocess.run(command, check=True, **kwargs)
    return time.monotonic() - start


def same_files(a, b):
    names = sorted(os.listdir(a))
    if names != sorted(os.listdir(b)):
        return [f"files {names} against {sorted(os.listdir(b))}"]
    return [f"{name} differs" for name in names if not filecmp.cmp(os.path.join(a, name), os.path.join(b, name), shallow=False)]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("claimsift", type=pathlib.Path)
    parser.add_argument("--shipped-models", action="store_true")
    parser.add_argument("--documents", type=int, default=200)
    args = parser.parse_args()
    claimsift = args.claimsift.resolve()
    ort = REPO / ".ort" / "libonnxruntime.so"
    spark_submit = pathlib.Path(sys.executable).parent / "spark-submit"
    failures = []
    with tempfile.TemporaryDirectory(prefix="claimsift-spark-") as tmp:
        tmp = pathlib.Path(tmp)
        models = tmp / "models"
        if args.shipped_models:
            shutil.copytree(REPO / "models" / "ner", models / "ner")
            shutil.copytree(REPO / "models" / "stance", models / "stance")
        else:
            shutil.copytree(REPO / "tests" / "fixtures" / "tiny-ner", models / "ner")
            shutil.copytree(REPO / "tests" / "fixtures" / "tiny-stance", models / "stance")
        with tarfile.open(tmp / "models.tar.gz", "w:gz") as tar:
            tar.add(models / "ner", arcname="ner")
            tar.add(models / "stance", arcname="stance")
        sample_dump(tmp / "sample.jsonl")
        with open(tmp / "dump.jsonl", "w", encoding="utf-8") as f:
            subprocess.run([sys.executable, str(REPO / "spark" / "make_dump.py"), str(REPO / "input"), str(args.documents)], stdout=f, check=True)
        env = dict(os.environ, CLAIMSIFT_MODELS=str(models), ORT_DYLIB_PATH=str(ort), PYSPARK_PYTHON=sys.executable)
        for dump in ["sample.jsonl", "dump.jsonl"]:
            name = dump.split(".")[0]
            single = timed([claimsift, "run", dump, "-o", f"{name}-single-jsonl", "--format", "jsonl", "-q"], cwd=tmp, env=env)
            timed([claimsift, "run", dump, "-o", f"{name}-single-csv", "-q"], cwd=tmp, env=env)
            spark_env = dict(env)
            del spark_env["CLAIMSIFT_MODELS"], spark_env["ORT_DYLIB_PATH"]  # the executors get what was shipped
            job = [str(spark_submit), "--master", "local[4]", "--conf", "spark.ui.enabled=false",
                   "--files", f"{claimsift},{ort}", "--archives", f"{tmp / 'models.tar.gz'}#models",
                   str(REPO / "spark" / "claimsift_job.py"), dump, f"{name}-spark", "--partitions", "4", "--csv", f"{name}-spark-csv"]
            spark = timed(job, cwd=tmp, env=spark_env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            timed([claimsift, "merge", f"{name}-spark", "-o", f"{name}-spark-jsonl", "-q"], cwd=tmp, env=env)
            parts = [p for p in os.listdir(tmp / f"{name}-spark") if p.startswith("part-")]
            problems = same_files(tmp / f"{name}-single-jsonl", tmp / f"{name}-spark-jsonl") + same_files(tmp / f"{name}-single-csv", tmp / f"{name}-spark-csv")
            if len(parts) < 4:
                problems.append(f"{len(parts)} partitions, not 4")
            manifest = (tmp / f"{name}-spark-csv" / "manifest.csv").read_text(encoding="utf-8")
            documents = manifest.count("\n") - 1
            errors = sum(1 for row in manifest.splitlines()[1:] if ",ok," not in row)
            if name == "dump" and (documents != args.documents + 3 or errors < 2):
                problems.append(f"{documents} manifest rows with {errors} not ok: the bad lines must be rows")
            print(f"{dump}: {documents} documents ({errors} not ok) in {len(parts)} partitions; single machine {single:.1f} s, "
                  f"Spark local[4] job (start-up included) {spark:.1f} s: {'identical' if not problems else '; '.join(problems)}")
            failures += problems
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
