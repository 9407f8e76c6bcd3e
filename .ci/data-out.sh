#!/usr/bin/env bash
# CI for the data-out paths (issue 15), run by .ci/run after `cargo test --workspace`:
# Parquet export read by pyarrow and DuckDB. Python packages come from PyPI into a venv
# made here (nothing is downloaded at test time).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
case "$target" in /*) ;; *) target="$PWD/$target" ;; esac
venv="$target/ci-venv"
start=$SECONDS
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check pyarrow duckdb pytest
echo "data-out: venv ready in $((SECONDS - start)) s"
cargo build -p griot-cli --quiet
export GRIOT_BIN="$target/debug/griot"
"$venv/bin/python" -m pytest -q tests/parquet
echo "data-out: done in $((SECONDS - start)) s"
