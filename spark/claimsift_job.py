#!/usr/bin/env python3
"""claimsift on Spark: a JSON Lines dump from any path Spark reads (local,
HDFS, S3 with the cluster's configuration) → the documents' JSON Lines,
which `claimsift merge` turns into the CSV files of one run.

    spark-submit --master yarn --num-executors 50 --executor-cores 4 \\
      --conf spark.task.cpus=4 \\
      --files target/release/claimsift,.ort/libonnxruntime.so \\
      --archives models.tar.gz#models \\
      spark/claimsift_job.py hdfs:///dumps/news.jsonl hdfs:///claimsift/news \\
      --partitions 200 -- --target "Russia=Russia,Kremlin,Moscow"

Each partition of the input is a contiguous run of its lines. A first pass
counts each partition's lines and documents (non-blank lines), so that every
partition's claimsift knows the line number and the position in the whole
dump of its first line: `source`, fallback ids and positions come out as one
`claimsift run` over the file gives them. Each partition then pipes its lines
through `claimsift run - --format jsonl` (a subprocess on the executor); a
document that cannot be read or processed comes back as a manifest row, never
as a failed task. OUTPUT gets the documents' JSON Lines (part-* files) and
the run.json `claimsift merge` needs; `--csv DIR` (local OUTPUT only) runs
the merge on the driver.

The binary and the models reach the executors with --files and --archives
(`tar czf models.tar.gz -C models ner stance`), or are in the executors'
image (--claimsift PATH, --models DIR).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile


def parse_args(argv):
    if "--" in argv:
        cut = argv.index("--")
        argv, claimsift_args = argv[:cut], argv[cut + 1:]
    else:
        claimsift_args = []
    parser = argparse.ArgumentParser(description="Run claimsift over a JSON Lines dump on Spark.")
    parser.add_argument("input", help="JSON Lines dump (any path or glob Spark reads)")
    parser.add_argument("output", help="directory for the documents' JSON Lines and run.json (must not exist)")
    parser.add_argument("--partitions", type=int, default=None, help="at least this many partitions")
    parser.add_argument("--source-name", default=None,
                        help="file name in `source` and fallback ids [default: the input's base name], "
                             "so the output equals `claimsift run NAME`")
    parser.add_argument("--claimsift", default=None, help="claimsift on the executors [default: the one shipped with --files, else on PATH]")
    parser.add_argument("--models", default=None, help="models folder on the executors [default: the archive shipped as #models]")
    parser.add_argument("--csv", default=None, help="also merge into CSV files in this local directory (needs a local OUTPUT and claimsift on the driver)")
    args = parser.parse_args(argv)
    args.claimsift_args = claimsift_args
    return args


def shipped(name):
    """The path of a file shipped with --files/--archives, if it was."""
    from pyspark import SparkFiles
    path = os.path.join(SparkFiles.getRootDirectory(), name)
    if os.path.exists(path):
        return path
    return os.path.join(os.getcwd(), name) if os.path.exists(name) and not os.path.isabs(name) else None


def partition_sizes(index, lines):
    """(partition, lines, documents): claimsift reads every non-blank line as one document."""
    total = documents = 0
    for line in lines:
        total += 1
        documents += bool(line.strip())
    yield index, total, documents


def run_partition(settings):
    """The function each partition runs: its lines through claimsift."""

    def run(index, lines):
        first_line, first_position, documents = settings["starts"][index]
        if documents == 0:
            # Blank lines only: no document (claimsift would report an empty input).
            return
        claimsift = settings["claimsift"] or shipped("claimsift") or shutil.which("claimsift") or "claimsift"
        if not os.access(claimsift, os.X_OK) and os.path.exists(claimsift):
            os.chmod(claimsift, 0o755)  # --files does not keep the mode everywhere
        env = dict(os.environ)
        models = settings["models"] or shipped("models")
        if models:
            env["CLAIMSIFT_MODELS"] = os.path.abspath(models)
        data = "".join(line + "\n" for line in lines).encode("utf-8")
        with tempfile.TemporaryDirectory(prefix="claimsift-") as out:
            command = [claimsift, "run", "-", "--stdin-format", "json", "--stdin-name", settings["source_name"],
                       "--stdin-first-line", str(first_line), "--first-position", str(first_position),
                       "--format", "jsonl", "-o", out, "--quiet", "--threads", str(settings["threads"])]
            done = subprocess.run(command + settings["claimsift_args"], input=data, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
            # 1: no document of the part could be processed; they are all in the output with why.
            if done.returncode not in (0, 1) or not os.path.exists(os.path.join(out, "run.json")):
                raise RuntimeError(f"claimsift failed on partition {index} (exit {done.returncode}): {done.stderr.decode(errors='replace')[-2000:]}")
            with open(os.path.join(out, "run.json"), encoding="utf-8") as f:
                yield ("run", f.read())
            with open(os.path.join(out, "documents.jsonl"), encoding="utf-8") as f:
                for line in f:
                    yield ("doc", line.rstrip("\n"))

    return run


def write_text(spark_context, path, text):
    """Writes a small file with Hadoop's file system API (local, HDFS, S3 alike)."""
    jvm = spark_context._jvm
    target = jvm.org.apache.hadoop.fs.Path(path)
    stream = target.getFileSystem(spark_context._jsc.hadoopConfiguration()).create(target, True)
    stream.write(bytearray(text.encode("utf-8")))
    stream.close()


def main(argv):
    args = parse_args(argv)
    from pyspark import SparkConf, SparkContext

    sc = SparkContext.getOrCreate(SparkConf().setAppName("claimsift"))
    lines = sc.textFile(args.input, minPartitions=args.partitions) if args.partitions else sc.textFile(args.input)
    sizes = sorted(lines.mapPartitionsWithIndex(partition_sizes).collect())
    starts, line, position = [], 1, 1
    for _, total, documents in sizes:
        starts.append((line, position, documents))
        line += total
        position += documents
    input_documents = position - 1
    settings = {
        "starts": starts,
        "claimsift": args.claimsift,
        "models": args.models,
        "source_name": args.source_name or os.path.basename(args.input.rstrip("/")),
        "threads": int(sc.getConf().get("spark.task.cpus", "1")),
        "claimsift_args": args.claimsift_args,
    }
    results = lines.mapPartitionsWithIndex(run_partition(settings)).cache()
    results.filter(lambda r: r[0] == "doc").map(lambda r: r[1]).saveAsTextFile(args.output)
    runs = [json.loads(text) for text in results.filter(lambda r: r[0] == "run").map(lambda r: r[1]).collect()]
    fingerprints = {run["settings_fingerprint"] for run in runs}
    if not runs:
        sys.exit(f"claimsift_job: no document in {args.input}")
    if len(fingerprints) != 1:
        sys.exit(f"claimsift_job: the executors ran claimsift with different models or settings ({sorted(fingerprints)}): ship one binary and one models archive")
    run = dict(runs[0], input_documents=input_documents)
    write_text(sc, args.output.rstrip("/") + "/run.json", json.dumps(run, indent=2, ensure_ascii=False) + "\n")
    print(f"claimsift_job: {input_documents} documents in {len(starts)} partitions → {args.output}", file=sys.stderr)
    if args.csv:
        claimsift = args.claimsift or shipped("claimsift") or shutil.which("claimsift") or "claimsift"
        if not os.access(claimsift, os.X_OK):
            os.chmod(claimsift, 0o755)
        subprocess.run([claimsift, "merge", args.output, "-o", args.csv, "--format", "csv", "--quiet"], check=True)
    sc.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
