#!/usr/bin/env bash
# CI for the data-out paths (issue 15), run by .ci/run after `cargo test --workspace`:
#   1. the Parquet export read by pyarrow and DuckDB (tests/parquet),
#   2. the Python package built with maturin (`pip install ./python`) and its tests,
#   3. the Spark job on local[2] (jobs/tests), with Java from Debian when the machine has none.
# Python packages come from PyPI into a venv made here; nothing is downloaded at test time.
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
venv="$target/ci-venv"
t0=$SECONDS
step() { echo "data-out: $1 ($((SECONDS - t0)) s)"; }

if ! command -v java >/dev/null 2>&1; then
    step "installing Java (default-jre-headless) for pyspark"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check pyarrow duckdb pytest maturin pyspark
step "venv ready"

# `cargo test --workspace` (run just before by .ci/run) has built the binary; building it again
# with only griot-cli's features could rebuild dependencies.
[ -x "$target/debug/griot" ] || cargo build -p griot-cli --quiet
export GRIOT_BIN="$target/debug/griot"
"$venv/bin/python" -m pytest -q tests/parquet
step "parquet read by pyarrow and duckdb"

# The extension is a release build of the whole pipeline in python/'s own workspace.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check ./python
step "python package built and installed"
(cd "$target" && "$venv/bin/python" -m pytest -q "$OLDPWD/python/tests")
step "python package tested"

(cd "$target" && "$venv/bin/python" -m pytest -q -s "$OLDPWD/jobs/tests")
step "spark job tested"
