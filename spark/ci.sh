#!/usr/bin/env bash
# The Spark job's local-mode test, as CI runs it after `make test` (which
# builds target/release/claimsift and fetches ONNX Runtime). pyspark goes in
# a venv made once and kept (SPARK_VENV, git-ignored .spark-venv/ by
# default); Spark 4 needs Java 17, from Debian's packages when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
SPARK_VENV=${SPARK_VENV:-.spark-venv}
if ! command -v java >/dev/null; then
    apt-get update -qq && apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless
fi
if ! "$SPARK_VENV/bin/python" -c "import pyspark" 2>/dev/null; then
    python3 -m venv "$SPARK_VENV"
    "$SPARK_VENV/bin/pip" install --quiet -r spark/requirements.txt
fi
"$SPARK_VENV/bin/python" spark/test_job.py target/release/claimsift
